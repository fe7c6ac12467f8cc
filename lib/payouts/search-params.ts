import { createSearchParser } from "@/lib/data-table/parsers.ts";
import type { TableSearch, TableSearchSpec } from "@/lib/data-table/types.ts";
import { FP_ID } from "@/lib/records/fp-id.ts";
import { DELETED_FILTER } from "@/lib/data-table/deleted-filter.ts";

// The URL of the payouts screen (/payouts, v2 only): what it accepts, allow-listed. The parameter names
// are the table's column ids. The promoter detail links here as /payouts?promoter=<id>.

/** Payout statuses are FirstPromoter's strings (pending, processing, completed, failed, cancelled). */
const WORD = /^[A-Za-z0-9_.:-]{1,60}$/;

export const payoutsSearchSpec = {
  sortKeys: { created_at: "date", amount: "number", period: "date" },
  defaultSort: { id: "created_at", desc: true },
  perPageOptions: [20, 50, 100],
  defaultPerPage: 50,
  filters: {
    status: { kind: "multi", pattern: WORD, max: 20 },
    promoter: { kind: "multi", pattern: FP_ID, max: 20 },
    // The period's start.
    period: { kind: "dateRange" },
    // Deleted in FirstPromoter: left out unless asked for ("yes" only them, "no,yes" all).
    deleted: DELETED_FILTER,
  },
  searchMaxLength: 254,
} as const satisfies TableSearchSpec;

export type PayoutsSearch = TableSearch<typeof payoutsSearchSpec>;
export const parsePayoutsSearch = createSearchParser(payoutsSearchSpec);

/** How the payouts search box reads its input: digits are a payout id, anything else the start of the promoter's email. */
export type PayoutSearchTerm = { kind: "id"; id: string } | { kind: "email"; prefix: string };

export function classifyPayoutSearch(q: string): PayoutSearchTerm | null {
  const term = q.trim().toLowerCase();
  if (term === "") return null;
  if (/^\d{1,18}$/.test(term)) return { kind: "id", id: term.replace(/^0+(?=\d)/, "") };
  return { kind: "email", prefix: term };
}
