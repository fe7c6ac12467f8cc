import "server-only";
import { decodeCursor } from "@/lib/data-table/cursor.ts";
import { amountCell } from "@/lib/export/amount-cell.ts";
import type { ExportColumn, ExportSource } from "@/lib/export/types.ts";
import { BALANCE_SORTS } from "./balance-units.ts";
import { listPromoterRows, type PromoterRow } from "./list-promoters.ts";
import { parsePromotersSearch, type PromotersSearch, promotersSearchSpec } from "./search-params.ts";

/** One column per sortable (unit, kind): cash in currency units, other units as stored; blank when none. */
const balanceColumns: ExportColumn<PromoterRow>[] = [...BALANCE_SORTS.entries()].map(([key, b]) => ({
  id: key,
  label: `${b.unit.replaceAll("_", " ")} ${b.kind}`,
  value: (r: PromoterRow) => {
    const row = r.balances.find((x) => x.kind === b.kind && x.unit === b.unit);
    return row ? amountCell(row.amount, row.unit) : null;
  },
  // Cash is what most exports are for; the other units are one tick away.
  optional: b.unit !== "cash",
}));

/** The promoters screen as CSV: the same filters and order (balance sorts included), balances flattened. */
export const promotersExport: ExportSource<PromoterRow, PromotersSearch> = {
  entity: "promoters",
  fileStem: "promoters",
  parse: parsePromotersSearch,
  columns: [
    { id: "id", label: "Promoter id", value: (r) => r.id },
    { id: "status", label: "Status", value: (r) => r.status },
    { id: "email", label: "Email", value: (r) => r.email },
    { id: "name", label: "Name", value: (r) => r.name },
    { id: "ref_id", label: "Ref id", value: (r) => r.refId },
    { id: "campaigns", label: "Campaigns", value: (r) => r.campaigns.map((c) => c.name ?? c.id).join("; "), optional: true },
    { id: "created", label: "Created", value: (r) => r.createdAt },
    ...balanceColumns,
  ],
  batch: async (prisma, search) => {
    const page = await listPromoterRows(prisma, search);
    return { rows: page.rows, next: page.nextCursor ? decodeCursor(page.nextCursor, promotersSearchSpec.sortKeys) : null };
  },
};
