import { createSearchParser } from "@/lib/data-table/parsers.ts";
import type { TableSearch, TableSearchSpec } from "@/lib/data-table/types.ts";
import { FP_ID } from "@/lib/records/fp-id.ts";
import { DELETED_FILTER } from "@/lib/data-table/deleted-filter.ts";

// The URL of the rewards screen (/rewards): what it accepts, allow-listed. The parameter names are
// the table's column ids. The promoter detail links here as /rewards?promoter=<id>.

/** Reward statuses and units are FirstPromoter's strings (approved, pending, denied…; cash, points…). */
const WORD = /^[A-Za-z0-9_.:-]{1,60}$/;

export const rewardsSearchSpec = {
  sortKeys: { created_at: "date", amount: "number" },
  defaultSort: { id: "created_at", desc: true },
  perPageOptions: [20, 50, 100],
  defaultPerPage: 50,
  filters: {
    status: { kind: "multi", pattern: WORD, max: 20 },
    unit: { kind: "multi", pattern: WORD, max: 20 },
    promoter: { kind: "multi", pattern: FP_ID, max: 20 },
    created_at: { kind: "dateRange" },
    // Deleted in FirstPromoter (v2): left out unless asked for.
    deleted: DELETED_FILTER,
  },
  // An email address is at most 254 characters.
  searchMaxLength: 254,
} as const satisfies TableSearchSpec;

export type RewardsSearch = TableSearch<typeof rewardsSearchSpec>;
export const parseRewardsSearch = createSearchParser(rewardsSearchSpec);

/**
 * How the rewards search box reads its input: digits are a reward id; anything else is the start of
 * a lead's email (a whole address matches itself), case-insensitively.
 */
export type RewardSearchTerm = { kind: "id"; id: string } | { kind: "email"; prefix: string };

export function classifyRewardSearch(q: string): RewardSearchTerm | null {
  const term = q.trim().toLowerCase();
  if (term === "") return null;
  // Reward ids are FirstPromoter's (bigint); a longer run of digits can only start an email.
  if (/^\d{1,18}$/.test(term)) return { kind: "id", id: term.replace(/^0+(?=\d)/, "") };
  return { kind: "email", prefix: term };
}
