import type { TableSpec } from "@/lib/events/sql/upsert-cte.ts";
import type { FpPromotion } from "@/lib/firstpromoter/types.ts";
import { campaignRowFromPromotion } from "./campaigns.ts";
import type { Projection } from "./projection.ts";

export type PromotionRow = {
  id: string;
  promoter_id: string | null;
  campaign_id: string | null;
  status: string | null;
  ref_id: string | null;
  referral_link: string | null;
  current_referral_reward: Record<string, unknown> | null;
};

export const promotionTable: TableSpec = {
  table: "promotion",
  source: "promotions",
  key: ["id"],
  columns: [
    { name: "id", type: "bigint" },
    { name: "promoter_id", type: "bigint" },
    { name: "campaign_id", type: "bigint" },
    { name: "status", type: "text" },
    { name: "ref_id", type: "text" },
    { name: "referral_link", type: "text" },
    { name: "current_referral_reward", type: "jsonb" },
  ],
};

/** A promotion and the campaign it names; `promoterId` when the event says whose it is. */
export function addPromotion(p: Projection, fp: FpPromotion, promoterId: string | null): void {
  p.promotions.add({
    id: fp.id,
    promoter_id: promoterId,
    campaign_id: fp.campaign_id ?? null,
    status: fp.status,
    ref_id: fp.ref_id,
    referral_link: fp.referral_link,
    current_referral_reward: fp.current_referral_reward ?? null,
  });
  const campaign = campaignRowFromPromotion(fp);
  if (campaign) p.campaigns.add(campaign);
}
