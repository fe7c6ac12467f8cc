// POST /api/webhooks/firstpromoter – receive FirstPromoter events (secret as `Authorization: Bearer`)
import { answerWebhook } from "@/lib/events/answer-webhook.ts";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return answerWebhook(req);
}
