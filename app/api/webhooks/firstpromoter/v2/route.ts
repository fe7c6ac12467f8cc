// POST /api/webhooks/firstpromoter/v2 – receive FirstPromoter v2 webhooks (a static route: it wins over
// the v1 path-secret catch-all). The secret as `Authorization: Bearer <secret>` (a custom header on the
// subscription) or HTTP Basic with the secret as password (basic_auth_user + basic_auth_password).
import { answerWebhook } from "@/lib/events/answer-webhook.ts";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return answerWebhook(req, { format: "v2" });
}
