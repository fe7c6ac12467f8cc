import type { LedgerPool } from "@/lib/db/pool.ts";
import { db } from "@/lib/db/index.ts";
import { configuredSecrets } from "@/lib/firstpromoter/verify-request.ts";
import { receiveDelivery } from "./receive-delivery.ts";

/** What answering needs beyond the request; the routes use the app's pool and secrets, tests their own. */
export type WebhookDeps = { pool: LedgerPool; secrets: string[] };

/** Which webhook: v1 with the secret as Bearer or as the path segment, or v2 (Bearer or Basic). */
export type WebhookRoute = { format: "v1"; pathSecret?: string } | { format: "v2" };

/**
 * The webhook's HTTP answer for its three routes: v1 with the secret as `Authorization: Bearer` (the
 * static route, matched without a pattern) or as the one path segment after it (`[...secret]`), and v2
 * (the static `/v2` route: Bearer or Basic). The answer never repeats a secret, and is never cached.
 */
export async function answerWebhook(req: Request, route: WebhookRoute = { format: "v1" }, deps?: WebhookDeps): Promise<Response> {
  const { pool, secrets } = deps ?? { pool: db().pool, secrets: configuredSecrets() };
  const { status, body } = await receiveDelivery(
    pool,
    {
      format: route.format,
      eventIdHeader: route.format === "v2" ? req.headers.get("x-event-id") : null,
      authorization: req.headers.get("authorization"),
      pathSecret: route.format === "v1" ? route.pathSecret : undefined,
      contentType: req.headers.get("content-type"),
      contentLength: req.headers.get("content-length"),
      body: req.body,
    },
    secrets,
  );
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
