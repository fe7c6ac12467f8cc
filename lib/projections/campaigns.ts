import type { FpCampaign, FpPromotion } from "@/lib/firstpromoter/types.ts";
import type { TableSpec } from "./table-spec.ts";

export type CampaignRow = { id: string; name: string | null; landing_url: string | null; _nulls?: string[] };

export const campaignTable: TableSpec = {
  table: "campaign",
  key: ["id"],
  columns: [
    { name: "id", type: "bigint" },
    { name: "name", type: "text" },
    { name: "landing_url", type: "text" },
  ],
};

export function campaignRow(c: FpCampaign): CampaignRow {
  return { id: c.id, name: c.name, landing_url: c.landing_url };
}

/** Promotions name their campaign by id and name only. */
export function campaignRowFromPromotion(p: FpPromotion): CampaignRow | null {
  return p.campaign_id ? { id: p.campaign_id, name: p.campaign_name, landing_url: null } : null;
}
