import { v2PromoterCampaignSchema } from "@/lib/firstpromoter/v2-schemas.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { addV2PromoterCampaign } from "@/lib/projections/v2-rows.ts";
import { defineHandler } from "../../event-handler.ts";

/** promoter_campaign.* (accepted, pending, rejected, blocked, inactive are updates): the membership (v1's promotion) with its state. */
export const v2PromoterCampaign = defineHandler(v2PromoterCampaignSchema, (data, event) => {
  const p = new Projection();
  addV2PromoterCampaign(p, data, event.action ?? "updated");
  return p;
});
