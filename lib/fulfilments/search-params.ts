import { createSearchParser, type RawSearchParams } from "@/lib/data-table/parsers.ts";
import type { TableSearch, TableSearchSpec } from "@/lib/data-table/types.ts";
import { FP_ID } from "@/lib/records/fp-id.ts";
import { SYNC_STATES } from "./sync-state.ts";

// The URL of the fulfilments review queue (/fulfilments). It opens on what needs review: review
// status pending, oldest first. That default lives here, in the parser: no `review_status` means
// pending, and `review_status=all` is every status, so "all" is a link like any other filter.

export const REVIEW_STATUSES = ["pending", "held", "approved", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** `?review_status=all`: no review-status filter. */
export const ALL_REVIEW_STATUSES = "all";
/** What the queue shows when the URL names no review status. */
export const DEFAULT_REVIEW_STATUSES: ReviewStatus[] = ["pending"];

/** `?has_issues=yes|no`: FirstPromoter's has_issues flag (its deliveries of it to Ledger failed). */
export const HAS_ISSUES_VALUES = ["yes", "no"] as const;

const UNIT = /^[A-Za-z0-9_.:-]{1,60}$/;

export const fulfilmentsSearchSpec = {
  sortKeys: { first_delivery_at: "date", amount: "number" },
  defaultSort: { id: "first_delivery_at", desc: false },
  perPageOptions: [20, 50, 100],
  defaultPerPage: 50,
  filters: {
    review_status: { kind: "multi", values: [...REVIEW_STATUSES, ALL_REVIEW_STATUSES] },
    sync_state: { kind: "multi", values: SYNC_STATES },
    unit: { kind: "multi", pattern: UNIT, max: 20 },
    promoter: { kind: "multi", pattern: FP_ID, max: 20 },
    campaign: { kind: "multi", pattern: FP_ID, max: 20 },
    has_issues: { kind: "multi", values: HAS_ISSUES_VALUES },
  },
  // An email address is at most 254 characters.
  searchMaxLength: 254,
} as const satisfies TableSearchSpec;

type Parsed = TableSearch<typeof fulfilmentsSearchSpec>;

/** The parsed URL; `review_status` is what the query filters by ([] = every status). */
export type FulfilmentsSearch = Omit<Parsed, "filters"> & {
  filters: Omit<Parsed["filters"], "review_status"> & { review_status: ReviewStatus[] };
};

const parseGeneric = createSearchParser(fulfilmentsSearchSpec);

export function parseFulfilmentsSearch(raw: RawSearchParams): FulfilmentsSearch {
  const parsed = parseGeneric(raw);
  const requested = parsed.filters.review_status;
  // `all` wins over anything beside it; nothing valid (absent, garbage) is the queue's default, except
  // beside a sync-state filter, which names fulfilments of any review status (failed sends are approved).
  const review_status: ReviewStatus[] = requested.includes(ALL_REVIEW_STATUSES)
    ? []
    : requested.length > 0
      ? requested.filter((s): s is ReviewStatus => s !== ALL_REVIEW_STATUSES)
      : parsed.filters.sync_state.length > 0
        ? []
        : [...DEFAULT_REVIEW_STATUSES];
  return { ...parsed, filters: { ...parsed.filters, review_status } };
}

/** The `review_status` URL value for a selection (null: the default, so the parameter is dropped). */
export function reviewStatusParam(selected: readonly string[]): string | null {
  const valid = REVIEW_STATUSES.filter((s) => selected.includes(s));
  if (valid.length === 0) return ALL_REVIEW_STATUSES;
  if (valid.length === DEFAULT_REVIEW_STATUSES.length && DEFAULT_REVIEW_STATUSES.every((s) => valid.includes(s))) return null;
  return valid.join(",");
}

/** The fulfilments search box: digits are a fulfilment id, anything else the start of the promoter's email. */
export type FulfilmentSearchTerm = { kind: "id"; id: string } | { kind: "email"; prefix: string };

export function classifyFulfilmentSearch(q: string): FulfilmentSearchTerm | null {
  const term = q.trim().toLowerCase();
  if (term === "") return null;
  if (/^\d{1,18}$/.test(term)) return { kind: "id", id: term.replace(/^0+(?=\d)/, "") };
  return { kind: "email", prefix: term };
}
