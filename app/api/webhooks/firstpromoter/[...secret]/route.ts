// POST /api/webhooks/firstpromoter/<secret> – receive FirstPromoter events (secret in the path). Deeper
// paths land here too and are refused with 401 and a delivery row, so a mistyped URL shows in the log.
import { answerWebhook } from "@/lib/events/answer-webhook.ts";

export const dynamic = "force-dynamic";

export async function POST(req: Request, ctx: { params: Promise<{ secret: string[] }> }) {
  const { secret } = await ctx.params;
  return answerWebhook(req, { format: "v1", pathSecret: secret.length === 1 ? secret[0] : undefined });
}
