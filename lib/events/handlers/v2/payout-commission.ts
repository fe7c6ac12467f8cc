import { v2PayoutCommissionSchema } from "@/lib/firstpromoter/v2-schemas.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { addV2PayoutCommission } from "@/lib/projections/v2-rows.ts";
import { defineHandler } from "../../event-handler.ts";

/**
 * payout.commissions.* (created/added, updated, deleted/removed): the link between a payout and a
 * commission, not a payout. Its payload is undocumented: the link is projected only when both ids are
 * present; otherwise nothing is (the event is still stored raw, and shown).
 */
export const v2PayoutCommission = defineHandler(v2PayoutCommissionSchema, (data, event) => {
  const p = new Projection();
  const payoutId = data.payout_id ?? data.payout?.id;
  const commissionId = data.commission_id ?? data.commission?.id;
  if (payoutId && commissionId) addV2PayoutCommission(p, payoutId, commissionId, event.action ?? "updated");
  return p;
});
