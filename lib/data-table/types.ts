// Types shared by the server-side list queries (lib/<entity>/list-*.ts), the search-param parsers and
// the generic client table (components/data-table/). Client-safe: no server imports here.

/** How a sort key's cursor value is typed (checked when an opaque cursor is decoded). */
export type SortKeyType = "date" | "number" | "bigint" | "text";

/** One URL filter. `multi`: `?id=a,b` (allow-listed `values`, or any value matching `pattern`); `dateRange`: `?id=fromMs,toMs`. */
export type FilterSpec =
  | { kind: "multi"; values: readonly string[]; max?: number }
  | { kind: "multi"; pattern: RegExp; max?: number }
  | { kind: "dateRange" };

/** Everything a list page accepts in its URL; parsed by createSearchParser (lib/data-table/parsers.ts). */
export type TableSearchSpec = {
  /** The allow-list of sort keys (URL `sort=<key>.<asc|desc>`), with the type of each key's values. */
  sortKeys: Readonly<Record<string, SortKeyType>>;
  defaultSort: { readonly id: string; readonly desc: boolean };
  perPageOptions: readonly number[];
  defaultPerPage: number;
  filters: Readonly<Record<string, FilterSpec>>;
  /** Longest accepted `q`; longer searches are dropped (default 200). */
  searchMaxLength?: number;
};

/** A date range in epoch ms: `from` inclusive, `to` exclusive (the start of the day after the last day picked). */
export type DateRange = { from: number | null; to: number | null };

export type CursorValue = string | number;

/**
 * A decoded keyset cursor: the sort key and id of the row to continue from, and which way.
 * `next` continues after `id` in the current order, `prev` goes back before it.
 */
export type Cursor = { sort: string; desc: boolean; value: CursorValue; id: string; dir: "next" | "prev" };

type FilterValue<F> = F extends { kind: "dateRange" }
  ? DateRange | null
  : F extends { values: readonly (infer V extends string)[] }
    ? V[]
    : string[];

export type ParsedFilters<S extends TableSearchSpec> = { -readonly [K in keyof S["filters"] & string]: FilterValue<S["filters"][K]> };

export type TableSearch<S extends TableSearchSpec = TableSearchSpec> = {
  sort: { id: keyof S["sortKeys"] & string; desc: boolean };
  perPage: number;
  cursor: Cursor | null;
  /** The search box, trimmed ("" when none). */
  q: string;
  filters: ParsedFilters<S>;
};

/**
 * What a keyset-paginated list query returns. `total.exact` is false when the number is an estimate
 * (the planner's row count of the whole table) or a floor ("10,000+": counting stopped at the cap).
 */
export type Page<T> = {
  rows: T[];
  /** Opaque cursor of the page after this one; null on the last page. */
  nextCursor: string | null;
  /** Opaque cursor of the page before this one; null on the first page. */
  prevCursor: string | null;
  total: PageTotal;
};

export type PageTotal = { value: number; exact: boolean; capped?: boolean };

/** One option of a faceted filter; `count` is shown beside it (approximate when `approximate`). */
export type FacetOption = { label: string; value: string; count?: number; approximate?: boolean };

/** Column meta read by the toolbar, headers and view options (see lib/data-table/features.ts). */
export type DataTableColumnMeta = {
  /** Shown in the header menu, the view options and the filter button. */
  label?: string;
  /** Which filter the toolbar renders for this column (the column's id is the URL parameter). */
  variant?: "multiSelect" | "dateRange";
  options?: FacetOption[];
  /** Tooltip/explanation under the options (e.g. "counts are estimates"). */
  optionsNote?: string;
  /** Right-align the cells (numbers). */
  align?: "start" | "end";
  /** Extra classes for the body cells. */
  cellClassName?: string;
};
