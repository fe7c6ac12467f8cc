import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { amountCell } from "@/lib/export/amount-cell.ts";
import { keysetBatch } from "@/lib/export/keyset-batch.ts";
import type { ExportSource } from "@/lib/export/types.ts";
import { type PayoutRaw, payoutConditions, payoutCursorKey, payoutKeyset, payoutListSql } from "./list-payouts.ts";
import { type PayoutsSearch, parsePayoutsSearch, payoutsSearchSpec } from "./search-params.ts";

/** The payouts screen as CSV: the same filters and order. Cash amounts in currency units. */
export const payoutsExport: ExportSource<PayoutRaw, PayoutsSearch> = {
  entity: "payouts",
  fileStem: "payouts",
  parse: parsePayoutsSearch,
  columns: [
    { id: "id", label: "Payout id", value: (r) => r.id },
    { id: "status", label: "Status", value: (r) => r.status },
    { id: "amount", label: "Amount", value: (r) => amountCell(r.amount, r.unit) },
    { id: "unit", label: "Unit", value: (r) => r.unit },
    { id: "total_incl_tax", label: "Total incl. tax", value: (r) => amountCell(r.totalInclTax, r.unit), optional: true },
    { id: "period_start", label: "Period start", value: (r) => r.periodStart },
    { id: "period_end", label: "Period end", value: (r) => r.periodEnd },
    { id: "paid_at", label: "Paid", value: (r) => r.paidAt },
    { id: "promoter_id", label: "Promoter id", value: (r) => r.promoterId },
    { id: "promoter_email", label: "Promoter email", value: (r) => r.promoterEmail },
    { id: "campaign", label: "Campaign", value: (r) => r.campaignName, optional: true },
    { id: "commissions", label: "Commissions", value: (r) => r.commissions },
    { id: "error", label: "Error", value: (r) => r.error, optional: true },
    { id: "deleted", label: "Deleted in FirstPromoter", value: (r) => (r.deleted ? "yes" : "no"), optional: true },
    { id: "created_at", label: "Created", value: (r) => r.createdAt },
  ],
  batch: (prisma, search) => {
    const where = payoutConditions(search);
    return keysetBatch(payoutKeyset(search), payoutsSearchSpec.sortKeys, (k) => queryPlannedForValues<PayoutRaw[]>(prisma, payoutListSql(where, k)), payoutCursorKey(search));
  },
};
