import type { PromoterAcceptedData } from "@/lib/firstpromoter/types.ts";
import { promoterAcceptedDataSchema } from "@/lib/firstpromoter/schemas.ts";
import { campaignRow } from "@/lib/projections/campaigns.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { defineHandler } from "../event-handler.ts";
import { addPromoter, addPromotion } from "@/lib/projections/add-rows.ts";

/** promoter_accepted: a promoter accepted into a campaign, with the promotion it runs there. */
export function projectPromoterAccepted(data: PromoterAcceptedData): Projection {
  const p = new Projection();
  if (data.campaign) p.campaigns.add(campaignRow(data.campaign));
  addPromoter(p, data.promoter);
  if (data.promotion) addPromotion(p, { ...data.promotion, campaign_id: data.promotion.campaign_id ?? data.campaign?.id ?? null }, data.promoter.id);
  return p;
}

export const promoterAccepted = defineHandler(promoterAcceptedDataSchema, projectPromoterAccepted);
