import type { FpLead } from "@/lib/firstpromoter/types.ts";
import { compact } from "./compact.ts";
import type { TableSpec } from "./table-spec.ts";

export type LeadRow = {
  id: string;
  state: string | null;
  suspicion: string | null;
  email: string | null;
  uid: string | null;
  username: string | null;
  website: string | null;
  plan_name: string | null;
  customer_since: string | null;
  cancelled_at: string | null;
  custom_fields: Record<string, unknown> | null;
  split_promotion_id: string | null;
  fp_created_at: string | null;
  promoter_id: string | null;
  promotion_id: string | null;
  deleted?: boolean;
  _nulls?: string[];
};

export const leadTable: TableSpec = {
  table: "lead",
  key: ["id"],
  columns: [
    { name: "id", type: "bigint" },
    { name: "state", type: "text" },
    { name: "suspicion", type: "text" },
    { name: "email", type: "text" },
    { name: "uid", type: "text" },
    { name: "username", type: "text" },
    { name: "website", type: "text" },
    { name: "plan_name", type: "text" },
    { name: "customer_since", type: "timestamptz" },
    { name: "cancelled_at", type: "timestamptz" },
    { name: "custom_fields", type: "jsonb", merge: "jsonb" },
    { name: "split_promotion_id", type: "bigint" },
    { name: "fp_created_at", type: "timestamptz" },
    { name: "promoter_id", type: "bigint" },
    { name: "promotion_id", type: "bigint" },
    { name: "deleted", type: "boolean", insertDefault: "false", v2Only: true },
  ],
};

/**
 * A lead snapshot. Attribution (promoter, promotion) is set only when the event states it: a lead
 * nested in reward_created carries none, and null keeps what the lead events said.
 */
export function leadRow(fp: FpLead, attribution: { promoterId: string | null; promotionId: string | null }): LeadRow {
  return {
    id: fp.id,
    state: fp.state,
    suspicion: fp.suspicion,
    email: fp.email,
    uid: fp.uid,
    username: fp.username,
    website: fp.website,
    plan_name: fp.plan_name,
    customer_since: fp.customer_since,
    cancelled_at: fp.cancelled_at,
    custom_fields: compact(fp.custom_fields),
    split_promotion_id: fp.split_promotion_id ?? null,
    fp_created_at: fp.created_at,
    promoter_id: attribution.promoterId,
    promotion_id: attribution.promotionId,
  };
}
