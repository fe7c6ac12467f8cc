import type { FpPromoter } from "@/lib/firstpromoter/types.ts";
import { compact } from "./compact.ts";
import type { TableSpec } from "./table-spec.ts";

export type PromoterRow = {
  id: string;
  status: string | null;
  email: string | null;
  default_ref_id: string | null;
  first_name: string | null;
  last_name: string | null;
  profile: Record<string, unknown> | null;
  fp_created_at: string | null;
  /** v2 only (v1 leaves them out: absent, never erased). */
  name?: string | null;
  cust_id?: string | null;
  custom_fields?: Record<string, unknown> | null;
  deleted?: boolean;
  /** Columns this snapshot states as null (v2): they are set to null, not left alone. */
  _nulls?: string[];
};

export type BalanceRow = { promoter_id: string; kind: "earnings" | "current" | "paid"; unit: string; amount: string };

export const promoterTable: TableSpec = {
  table: "promoter",
  key: ["id"],
  columns: [
    { name: "id", type: "bigint" },
    { name: "status", type: "text" },
    { name: "email", type: "text" },
    { name: "default_ref_id", type: "text" },
    { name: "first_name", type: "text" },
    { name: "last_name", type: "text" },
    { name: "profile", type: "jsonb", merge: "jsonb" },
    { name: "fp_created_at", type: "timestamptz" },
    { name: "name", type: "text", v2Only: true },
    { name: "cust_id", type: "text", v2Only: true },
    { name: "custom_fields", type: "jsonb", merge: "jsonb", v2Only: true },
    { name: "deleted", type: "boolean", insertDefault: "false", v2Only: true },
  ],
};

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/** A promoter snapshot (full or partial) as its row and its balance rows (one per kind and unit). */
export function promoterRows(fp: FpPromoter): { promoter: PromoterRow; balances: BalanceRow[] } {
  const promoter: PromoterRow = {
    id: fp.id,
    status: fp.status,
    email: fp.email,
    default_ref_id: fp.default_ref_id,
    first_name: str(fp.profile?.first_name),
    last_name: str(fp.profile?.last_name),
    profile: compact(fp.profile),
    fp_created_at: fp.created_at,
  };
  const balances: BalanceRow[] = [];
  const kinds = { earnings: fp.earnings_balance, current: fp.current_balance, paid: fp.paid_balance };
  for (const [kind, balance] of Object.entries(kinds) as [BalanceRow["kind"], Record<string, string> | null | undefined][]) {
    for (const [unit, amount] of Object.entries(balance ?? {})) balances.push({ promoter_id: fp.id, kind, unit, amount });
  }
  return { promoter, balances };
}
