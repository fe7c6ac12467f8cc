import type { FpPromotion } from "@/lib/firstpromoter/types.ts";
import { type CampaignRow, campaignRowFromPromotion } from "./campaigns.ts";
import type { TableSpec } from "./table-spec.ts";

export type PromotionRow = {
  id: string;
  promoter_id: string | null;
  campaign_id: string | null;
  status: string | null;
  ref_id: string | null;
  referral_link: string | null;
  current_referral_reward: Record<string, unknown> | null;
  /** v2 promoter campaign: its state (pending, accepted, …); its ref_token is the ref_id. */
  state?: string | null;
  deleted?: boolean;
  _nulls?: string[];
};

export const promotionTable: TableSpec = {
  table: "promotion",
  key: ["id"],
  columns: [
    { name: "id", type: "bigint" },
    { name: "promoter_id", type: "bigint" },
    { name: "campaign_id", type: "bigint" },
    { name: "status", type: "text" },
    { name: "ref_id", type: "text" },
    { name: "referral_link", type: "text" },
    { name: "current_referral_reward", type: "jsonb" },
    { name: "state", type: "text", v2Only: true },
    { name: "deleted", type: "boolean", insertDefault: "false", v2Only: true },
  ],
};

/** A promotion and the campaign it names; `promoterId` when the event says whose it is. */
export function promotionRows(fp: FpPromotion, promoterId: string | null): { promotion: PromotionRow; campaign: CampaignRow | null } {
  return {
    promotion: {
      id: fp.id,
      promoter_id: promoterId,
      campaign_id: fp.campaign_id ?? null,
      status: fp.status,
      ref_id: fp.ref_id,
      referral_link: fp.referral_link,
      current_referral_reward: fp.current_referral_reward ?? null,
    },
    campaign: campaignRowFromPromotion(fp),
  };
}
