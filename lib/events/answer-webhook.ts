import type { LedgerPool } from "@/lib/db/pool.ts";
import { db } from "@/lib/db/index.ts";
import { configuredSecrets } from "@/lib/firstpromoter/verify-request.ts";
import { receiveDelivery } from "./receive-delivery.ts";

/** What answering needs beyond the request; the routes use the app's pool and secrets, tests their own. */
export type WebhookDeps = { pool: LedgerPool; secrets: string[] };

/**
 * The webhook's HTTP answer for both of its routes: the secret as `Authorization: Bearer` (the static
 * route, matched without a pattern) or as the one path segment after it (`[...secret]`). The answer
 * never repeats a secret, and is never cached.
 */
export async function answerWebhook(req: Request, pathSecret?: string, deps?: WebhookDeps): Promise<Response> {
  const { pool, secrets } = deps ?? { pool: db().pool, secrets: configuredSecrets() };
  const { status, body } = await receiveDelivery(
    pool,
    {
      authorization: req.headers.get("authorization"),
      pathSecret,
      contentType: req.headers.get("content-type"),
      contentLength: req.headers.get("content-length"),
      body: req.body,
    },
    secrets,
  );
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
