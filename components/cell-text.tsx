// Pieces every table cell and detail field shares, so an empty value and a record link look the same everywhere.

/** How a link to a record looks inside a table or a list of facts: underlined on hover and on keyboard focus. */
export const LINK_CLASS = "underline-offset-4 hover:underline focus-visible:underline";

/** How a link looks on a detail page (facts, timelines, the rows under a record): always underlined. */
export const DETAIL_LINK_CLASS = "underline underline-offset-4 hover:text-foreground";

/** What a cell or field shows for a value that is not known. */
export function EmptyValue() {
  return <span className="text-muted-foreground">—</span>;
}
