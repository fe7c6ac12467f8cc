import type { FacetOption } from "./types.ts";

// The "deleted" filter of every list whose records FirstPromoter's v2 can delete (promoters, leads,
// rewards, payouts): a deleted record is kept, marked `deleted`, and left out of the list unless the
// filter asks for it (?deleted=yes shows only deleted ones, ?deleted=no,yes both). No server code here:
// the columns (client components) import the options; the SQL is in deleted-condition.ts.

export const DELETED_VALUES = ["no", "yes"] as const;

/** The filter's entry in a TableSearchSpec. */
export const DELETED_FILTER = { kind: "multi", values: DELETED_VALUES, max: 2 } as const;

export const DELETED_OPTIONS: FacetOption[] = [
  { value: "no", label: "Not deleted" },
  { value: "yes", label: "Deleted in FirstPromoter" },
];
