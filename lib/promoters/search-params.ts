import { createSearchParser } from "@/lib/data-table/parsers.ts";
import type { SortKeyType, TableSearch, TableSearchSpec } from "@/lib/data-table/types.ts";
import { likePrefix } from "@/lib/data-table/like-prefix.ts";
import { FP_ID } from "@/lib/records/fp-id.ts";
import { BALANCE_SORTS, type BalanceSortKey } from "./balance-units.ts";
import { DELETED_FILTER } from "@/lib/data-table/deleted-filter.ts";

// The URL of the promoters screen (/promoters): what it accepts, allow-listed. The parameter names
// are the table's column ids; the balance sort keys are `<unit>_<kind>` (cash_current, points_paid…).

/** Units as FirstPromoter writes them (lib/firstpromoter/schemas.ts, the balance schema). */
const UNIT = /^[a-z][a-z0-9_]{0,39}$/;
/** Promoter statuses are FirstPromoter's words (active, pending, denied…): lowercase names. */
const STATUS = /^[a-z][a-z0-9_]{0,39}$/;

const balanceSortKeys = Object.fromEntries([...BALANCE_SORTS.keys()].map((k) => [k, "text" as const])) as Record<BalanceSortKey, "text">;

export const promotersSearchSpec = {
  // created: a date; balances: "text" cursor values, because a balance cursor holds either the exact
  // decimal amount or "none" (a promoter without that balance; see balance-keyset.ts).
  sortKeys: { created: "date", ...balanceSortKeys } satisfies Record<string, SortKeyType>,
  defaultSort: { id: "created", desc: true },
  perPageOptions: [20, 50, 100],
  defaultPerPage: 50,
  filters: {
    status: { kind: "multi", pattern: STATUS, max: 20 },
    campaign: { kind: "multi", pattern: FP_ID, max: 50 },
    /** Has a non-zero current balance in any of these units. */
    balance: { kind: "multi", pattern: UNIT, max: 20 },
    created: { kind: "dateRange" },
    // Deleted in FirstPromoter (v2): left out unless asked for.
    deleted: DELETED_FILTER,
  },
  // An email address is at most 254 characters; the search indexes hold the first 254 characters of
  // each value (migration promoters_list), so a longer search could not be answered from them.
  searchMaxLength: 254,
} as const satisfies TableSearchSpec;

export type PromotersSearch = TableSearch<typeof promotersSearchSpec>;
export const parsePromotersSearch = createSearchParser(promotersSearchSpec);

/**
 * How the search box reads its input. Everything is a case-insensitive prefix ("jane" finds
 * jane.smith@…, Jane Smith and the ref id janes); a number also finds the promoter with that id.
 * `%`, `_` and `\` are escaped, so they match themselves.
 */
export type PromoterSearchTerm = { prefix: string; email: boolean; id: string | null };

export function classifyPromoterSearch(q: string): PromoterSearchTerm | null {
  const term = q.trim().toLowerCase();
  if (term === "") return null;
  const prefix = likePrefix(term);
  // Only emails contain "@": no need to look at names and ref ids.
  const email = term.includes("@");
  const id = /^\d{1,18}$/.test(term) ? term.replace(/^0+(?=\d)/, "") : null;
  return { prefix, email, id: id === "0" ? null : id };
}
