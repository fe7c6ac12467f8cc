import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { keysetBatch } from "@/lib/export/keyset-batch.ts";
import type { ExportSource } from "@/lib/export/types.ts";
import { keyset } from "@/lib/data-table/keyset.ts";
import { sqlInstant, sqlText } from "@/lib/export/copy-csv.ts";
import { LEAD_FROM, leadConditions } from "./lead-conditions.ts";
import { type LeadRaw, leadKeyset, leadListSql } from "./list-leads.ts";
import { type LeadsSearch, leadsSearchSpec, parseLeadsSearch } from "./search-params.ts";

const id = (v: bigint | null) => (v === null ? null : v.toString());

/**
 * The leads screen as CSV: the same filters, search and order, batch by batch through the screen's
 * own keyset query (lib/leads/list-leads.ts). To offer it: register `leads: leadsExport` in
 * lib/export/sources.ts and pass `exportColumns={exportColumnOptions("leads")}` to <LeadsTable> in
 * app/(dashboard)/leads/page.tsx (the table shows the export button when it has them).
 */
export const leadsExport: ExportSource<LeadRaw, LeadsSearch> = {
  entity: "leads",
  fileStem: "leads",
  parse: parseLeadsSearch,
  columns: [
    { id: "id", label: "Lead id", value: (r) => r.id, sql: "l.id::text" },
    { id: "state", label: "State", value: (r) => r.state, sql: sqlText("l.state") },
    { id: "suspicion", label: "Suspicion", value: (r) => r.suspicion, sql: sqlText("l.suspicion") },
    { id: "email", label: "Email", value: (r) => r.email, sql: sqlText("l.email") },
    { id: "uid", label: "Uid", value: (r) => r.uid, optional: true, sql: sqlText("l.uid") },
    { id: "promoter_id", label: "Promoter id", value: (r) => id(r.promoterId), sql: "l.promoter_id::text" },
    { id: "promoter_name", label: "Promoter name", value: (r) => r.promoterName, optional: true, sql: sqlText(`NULLIF(concat_ws(' ', pr.first_name, pr.last_name), '')`) },
    { id: "promoter_email", label: "Promoter email", value: (r) => r.promoterEmail, sql: sqlText("pr.email") },
    { id: "promotion_id", label: "Promotion id", value: (r) => id(r.promotionId), optional: true, sql: "l.promotion_id::text" },
    { id: "ref_id", label: "Ref id", value: (r) => r.refId, sql: sqlText("po.ref_id") },
    { id: "campaign_id", label: "Campaign id", value: (r) => id(r.campaignId), optional: true, sql: "po.campaign_id::text" },
    { id: "campaign", label: "Campaign", value: (r) => r.campaignName, sql: sqlText("c.name") },
    { id: "plan", label: "Plan", value: (r) => r.planName, sql: sqlText("l.plan_name") },
    { id: "customer_since", label: "Customer since", value: (r) => r.customerSince, sql: sqlInstant("l.customer_since") },
    { id: "cancelled_at", label: "Cancelled", value: (r) => r.cancelledAt, sql: sqlInstant("l.cancelled_at") },
    { id: "created_at", label: "Created", value: (r) => r.createdAt, sql: sqlInstant("COALESCE(l.fp_created_at, l.first_seen_at)") },
  ],
  copy: (search) => {
    const k = keyset(leadKeyset(search));
    return { from: LEAD_FROM, where: leadConditions(search), orderBy: k.orderBy };
  },
  batch: (prisma, search) => {
    const where = leadConditions(search);
    const options = leadKeyset(search);
    return keysetBatch(
      options,
      leadsSearchSpec.sortKeys,
      (k) => queryPlannedForValues<LeadRaw[]>(prisma, leadListSql(where, k, options.column)),
      (row) => ({ value: row.sortKey, id: row.id.toString() }),
    );
  },
};
