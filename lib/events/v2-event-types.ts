import { normaliseEntityType } from "@/lib/firstpromoter/v2-schemas.ts";
import type { EventHandler } from "./event-handler.ts";
import { v2Commission } from "./handlers/v2/commission.ts";
import { v2PayoutCommission } from "./handlers/v2/payout-commission.ts";
import { v2Payout } from "./handlers/v2/payout.ts";
import { v2PromoterCampaign } from "./handlers/v2/promoter-campaign.ts";
import { v2Promoter } from "./handlers/v2/promoter.ts";
import { v2Referral } from "./handlers/v2/referral.ts";

/**
 * v2 handlers by entity kind. v2 is routed by `entity_type` (the event names differ between FirstPromoter's
 * two lists, and status events are plain updates), read from `data`; other kinds (payout_method,
 * payments_batch, contract_document, new ones) are stored raw and shown, projected nowhere.
 */
export const V2_HANDLERS: Readonly<Record<string, EventHandler>> = {
  promoter: v2Promoter,
  promotercampaign: v2PromoterCampaign,
  referral: v2Referral,
  commission: v2Commission,
  payout: v2Payout,
  "payout.commissions": v2PayoutCommission,
};

/** Which handler a v2 event goes to: payout.commissions.* by that prefix first (a link, not a payout), else its entity. */
export function v2HandlerKey(eventType: string, entityType: string): string {
  return eventType.startsWith("payout.commissions.") ? "payout.commissions" : normaliseEntityType(entityType);
}
