import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { keysetBatch } from "@/lib/export/keyset-batch.ts";
import type { ExportSource } from "@/lib/export/types.ts";
import { leadConditions } from "./lead-conditions.ts";
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
    { id: "id", label: "Lead id", value: (r) => r.id },
    { id: "state", label: "State", value: (r) => r.state },
    { id: "suspicion", label: "Suspicion", value: (r) => r.suspicion },
    { id: "email", label: "Email", value: (r) => r.email },
    { id: "uid", label: "Uid", value: (r) => r.uid, optional: true },
    { id: "promoter_id", label: "Promoter id", value: (r) => id(r.promoterId) },
    { id: "promoter_name", label: "Promoter name", value: (r) => r.promoterName, optional: true },
    { id: "promoter_email", label: "Promoter email", value: (r) => r.promoterEmail },
    { id: "promotion_id", label: "Promotion id", value: (r) => id(r.promotionId), optional: true },
    { id: "ref_id", label: "Ref id", value: (r) => r.refId },
    { id: "campaign_id", label: "Campaign id", value: (r) => id(r.campaignId), optional: true },
    { id: "campaign", label: "Campaign", value: (r) => r.campaignName },
    { id: "plan", label: "Plan", value: (r) => r.planName },
    { id: "customer_since", label: "Customer since", value: (r) => r.customerSince },
    { id: "cancelled_at", label: "Cancelled", value: (r) => r.cancelledAt },
    { id: "created_at", label: "Created", value: (r) => r.createdAt },
  ],
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
