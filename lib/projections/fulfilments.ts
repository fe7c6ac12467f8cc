import type { FulfilmentPendingData } from "@/lib/firstpromoter/types.ts";
import type { TableSpec } from "./table-spec.ts";

export type FulfilmentRow = {
  id: string;
  fp_status: string | null;
  amount: string | null;
  unit: string | null;
  due_date: string | null;
  date_paid: string | null;
  has_issues: boolean | null;
  reward: Record<string, unknown> | null;
  fp_created_at: string | null;
  promoter_id: string | null;
  campaign_id: string | null;
};

export const fulfilmentTable: TableSpec = {
  table: "fulfilment",
  key: ["id"],
  columns: [
    { name: "id", type: "bigint" },
    { name: "fp_status", type: "text" },
    { name: "amount", type: "numeric" },
    { name: "unit", type: "text" },
    { name: "due_date", type: "timestamptz" },
    { name: "date_paid", type: "timestamptz" },
    { name: "has_issues", type: "boolean", insertDefault: "false" },
    { name: "reward", type: "jsonb" },
    { name: "fp_created_at", type: "timestamptz" },
    { name: "promoter_id", type: "bigint" },
    { name: "campaign_id", type: "bigint" },
  ],
};

export function fulfilmentRow(f: FulfilmentPendingData): FulfilmentRow {
  return {
    id: f.id,
    fp_status: f.status,
    amount: f.amount ?? null,
    unit: f.unit,
    due_date: f.due_date,
    date_paid: f.date_paid,
    has_issues: f.has_issues ?? null,
    reward: f.reward ?? null,
    fp_created_at: f.created_at,
    promoter_id: f.promoter?.id ?? null,
    campaign_id: f.campaign?.id ?? null,
  };
}
