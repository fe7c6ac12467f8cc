import { db } from "@/lib/db/index.ts";
import { configuredSecrets } from "@/lib/firstpromoter/verify-request.ts";
import { receiveDelivery } from "./receive-delivery.ts";

/**
 * The webhook's HTTP answer for both of its routes: the secret as `Authorization: Bearer` (the static
 * route, matched without a pattern) or as the one path segment after it (`[...secret]`).
 */
export async function answerWebhook(req: Request, pathSecret?: string): Promise<Response> {
  const { status, body } = await receiveDelivery(
    db().pool,
    {
      authorization: req.headers.get("authorization"),
      pathSecret,
      contentType: req.headers.get("content-type"),
      contentLength: req.headers.get("content-length"),
      body: req.body,
    },
    configuredSecrets(),
  );
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
