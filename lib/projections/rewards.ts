import type { RewardCreatedData } from "@/lib/firstpromoter/types.ts";
import type { TableSpec } from "./table-spec.ts";

export type RewardRow = {
  id: string;
  status: string | null;
  amount: string | null;
  unit: string | null;
  conversion_amount: string | null;
  tier_level: number | null;
  split_type: string | null;
  fp_event_id: string | null;
  fp_created_at: string | null;
  lead_id: string | null;
  promoter_id: string | null;
  promotion_id: string | null;
  /** v2 commission only. */
  is_paid?: boolean | null;
  status_updated_at?: string | null;
  deleted?: boolean;
  _nulls?: string[];
};

export const rewardTable: TableSpec = {
  table: "reward",
  key: ["id"],
  columns: [
    { name: "id", type: "bigint" },
    { name: "status", type: "text" },
    { name: "amount", type: "numeric" },
    { name: "unit", type: "text" },
    { name: "conversion_amount", type: "numeric" },
    { name: "tier_level", type: "integer" },
    { name: "split_type", type: "text" },
    { name: "fp_event_id", type: "bigint" },
    { name: "fp_created_at", type: "timestamptz" },
    { name: "lead_id", type: "bigint" },
    { name: "promoter_id", type: "bigint" },
    { name: "promotion_id", type: "bigint" },
    { name: "is_paid", type: "boolean", v2Only: true },
    { name: "status_updated_at", type: "timestamptz", v2Only: true },
    { name: "deleted", type: "boolean", insertDefault: "false", v2Only: true },
  ],
};

export function rewardRow(r: RewardCreatedData): RewardRow {
  return {
    id: r.id,
    status: r.status,
    amount: r.amount ?? null,
    unit: r.unit,
    conversion_amount: r.conversion_amount ?? null,
    tier_level: r.tier_level ?? null,
    split_type: r.split_type,
    fp_event_id: r.event_id ?? null,
    fp_created_at: r.created_at,
    lead_id: r.lead?.id ?? null,
    promoter_id: r.promoter?.id ?? null,
    promotion_id: r.promotion?.id ?? null,
  };
}
