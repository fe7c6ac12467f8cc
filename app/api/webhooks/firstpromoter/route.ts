// POST /api/webhooks/firstpromoter – receive FirstPromoter events (secret as `Authorization: Bearer`)
import { db } from "@/lib/db/index.ts";
import { receiveDelivery } from "@/lib/events/receive-delivery.ts";
import { configuredSecrets } from "@/lib/firstpromoter/verify-request.ts";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const { status, body } = await receiveDelivery(
    db().pool,
    {
      authorization: req.headers.get("authorization"),
      pathSecret: undefined,
      contentType: req.headers.get("content-type"),
      contentLength: req.headers.get("content-length"),
      body: req.body,
    },
    configuredSecrets(),
  );
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
