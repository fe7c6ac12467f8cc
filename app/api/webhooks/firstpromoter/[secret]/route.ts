// POST /api/webhooks/firstpromoter/<secret> – receive FirstPromoter events (secret in the path)
import { db } from "@/lib/db/index.ts";
import { receiveDelivery } from "@/lib/events/receive-delivery.ts";
import { configuredSecrets } from "@/lib/firstpromoter/verify-request.ts";

export const dynamic = "force-dynamic";

export async function POST(req: Request, ctx: { params: Promise<{ secret: string }> }) {
  const { secret } = await ctx.params;
  const { status, body } = await receiveDelivery(
    db().pool,
    {
      authorization: req.headers.get("authorization"),
      pathSecret: secret,
      contentType: req.headers.get("content-type"),
      contentLength: req.headers.get("content-length"),
      body: req.body,
    },
    configuredSecrets(),
  );
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
