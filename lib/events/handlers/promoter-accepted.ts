import type { PromoterAcceptedData } from "@/lib/firstpromoter/types.ts";
import { campaignRow } from "@/lib/projections/campaigns.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { addPromoter } from "@/lib/projections/promoters.ts";
import { addPromotion } from "@/lib/projections/promotions.ts";
import { type Ingest, statementsFor } from "../ingest.ts";

const statements = statementsFor(["campaign", "promoter", "balance", "promotion"]);

/** promoter_accepted: a promoter accepted into a campaign, with the promotion it runs there. */
export function handlePromoterAccepted(data: PromoterAcceptedData, ingest: Ingest) {
  const p = new Projection();
  if (data.campaign) p.campaigns.add(campaignRow(data.campaign));
  addPromoter(p, data.promoter);
  if (data.promotion) {
    addPromotion(p, { ...data.promotion, campaign_id: data.promotion.campaign_id ?? data.campaign?.id ?? null }, data.promoter.id);
  }
  return ingest(statements, p);
}
