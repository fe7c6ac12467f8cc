import type { TableSpec } from "./table-spec.ts";

// v2 payouts (v1 sends none) and their commissions (payout.commissions.*).

export type PayoutRow = {
  id: string;
  status?: string | null;
  amount?: string | null;
  unit?: string | null;
  total_incl_tax?: string | null;
  period_start?: string | null;
  period_end?: string | null;
  paid_at?: string | null;
  failed_at?: string | null;
  error?: string | null;
  payments_batch_id?: string | null;
  fp_created_at?: string | null;
  promoter_id?: string | null;
  campaign_id?: string | null;
  deleted?: boolean;
  _nulls?: string[];
};

export const payoutTable: TableSpec = {
  table: "payout",
  key: ["id"],
  columns: [
    { name: "id", type: "bigint" },
    { name: "status", type: "text" },
    { name: "amount", type: "numeric" },
    { name: "unit", type: "text" },
    { name: "total_incl_tax", type: "numeric" },
    { name: "period_start", type: "timestamptz" },
    { name: "period_end", type: "timestamptz" },
    { name: "paid_at", type: "timestamptz" },
    { name: "failed_at", type: "timestamptz" },
    { name: "error", type: "text" },
    { name: "payments_batch_id", type: "bigint" },
    { name: "fp_created_at", type: "timestamptz" },
    { name: "promoter_id", type: "bigint" },
    { name: "campaign_id", type: "bigint" },
    { name: "deleted", type: "boolean", insertDefault: "false" },
  ],
};

/** A payout's commission; `deleted` (versioned) unlinks it. Keyed by both ids. */
export type PayoutCommissionRow = { payout_id: string; commission_id: string; deleted?: boolean; _nulls?: string[] };

export const payoutCommissionTable: TableSpec = {
  table: "payout_commission",
  key: ["payout_id", "commission_id"],
  columns: [
    { name: "payout_id", type: "bigint" },
    { name: "commission_id", type: "bigint" },
    { name: "deleted", type: "boolean", insertDefault: "false" },
  ],
};
