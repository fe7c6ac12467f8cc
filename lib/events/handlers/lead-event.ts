import type { LeadEventData } from "@/lib/firstpromoter/types.ts";
import { addLead } from "@/lib/projections/leads.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { addPromoter } from "@/lib/projections/promoters.ts";
import { addPromotion } from "@/lib/projections/promotions.ts";
import { statementsFor } from "../ingest.ts";

// The four lead events carry the same object (the lead with its promotion and promoter); they
// differ in the state FirstPromoter reports. Shared by lead-signup, lead-becomes-referral,
// new-customer and lead-cancelled.

export const leadEventStatements = statementsFor(["campaign", "promoter", "balance", "promotion", "lead"]);

export function projectLeadEvent(data: LeadEventData): Projection {
  const p = new Projection();
  const promoterId = data.promoter?.id ?? null;
  if (data.promoter) addPromoter(p, data.promoter);
  if (data.promotion) addPromotion(p, data.promotion, promoterId);
  addLead(p, data, { promoterId, promotionId: data.promotion?.id ?? null });
  return p;
}
