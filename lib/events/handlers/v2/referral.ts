import { v2ReferralSchema } from "@/lib/firstpromoter/v2-schemas.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { addV2Referral } from "@/lib/projections/v2-rows.ts";
import { defineHandler } from "../../event-handler.ts";

/** referral.* (converted, cancelled, moved are updates): the referral (v1's lead), attributed through its promoter campaign when given. */
export const v2Referral = defineHandler(v2ReferralSchema, (data, event) => {
  const p = new Projection();
  addV2Referral(p, data, event.action ?? "updated");
  return p;
});
