import type { LeadEventData } from "@/lib/firstpromoter/types.ts";
import { leadRow } from "@/lib/projections/leads.ts";
import { addPromoter, addPromotion } from "@/lib/projections/add-rows.ts";
import { Projection } from "@/lib/projections/projection.ts";

// The four lead events carry the same object (the lead with its promotion and promoter); they
// differ in the state FirstPromoter reports. Shared by lead-signup, lead-becomes-referral,
// new-customer and lead-cancelled.

/** The lead, attributed to the promotion and promoter the event names, with both of them. */
export function projectLeadEvent(data: LeadEventData): Projection {
  const p = new Projection();
  const promoterId = data.promoter?.id ?? null;
  if (data.promoter) addPromoter(p, data.promoter);
  if (data.promotion) addPromotion(p, data.promotion, promoterId);
  p.leads.add(leadRow(data, { promoterId, promotionId: data.promotion?.id ?? null }));
  return p;
}
