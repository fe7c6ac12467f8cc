import { v2PayoutSchema } from "@/lib/firstpromoter/v2-schemas.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { addV2Payout } from "@/lib/projections/v2-rows.ts";
import { defineHandler } from "../../event-handler.ts";

/** payout.* (pending, processing, completed, failed, cancelled are updates): the payout; a completed one fulfils its commissions in FirstPromoter. */
export const v2Payout = defineHandler(v2PayoutSchema, (data, event) => {
  const p = new Projection();
  addV2Payout(p, data, event.action ?? "updated");
  return p;
});
