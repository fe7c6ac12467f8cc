// Labels the overview shows for days, units and reward statuses. Client-safe; the day formatters
// run in the browser (charts), so dates read in the viewer's locale.
import type { OverviewBucket } from "@/lib/overview/search-params.ts";

/** A bucket's 'YYYY-MM-DD' as a Date at UTC midnight, formatted with timeZone UTC (the day is already local). */
function dayDate(day: string): Date {
  const [y = 1970, m = 1, d = 1] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** Axis ticks: "Feb 23". */
export function shortDay(day: string): string {
  return dayDate(day).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
}

/** Tooltip headings: "Mon, Feb 23, 2026", or "Week of Feb 23, 2026". */
export function longDay(day: string, bucket: OverviewBucket): string {
  const date = dayDate(day);
  return bucket === "week"
    ? `Week of ${date.toLocaleDateString(undefined, { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" })}`
    : date.toLocaleDateString(undefined, { weekday: "short", month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

const UNIT_LABELS: Record<string, string> = {
  cash: "Cash",
  free_months: "Free months",
  credits: "Credits",
  points: "Points",
  discount_per: "Discount %",
  per_of_sale: "% of sale",
};

/** "free_months" → "Free months"; a reward without a unit → "No unit". */
export function unitLabel(unit: string): string {
  if (!unit) return "No unit";
  const known = UNIT_LABELS[unit];
  if (known) return known;
  const words = unit.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A reward status as FirstPromoter sends it, capitalised ("approved" → "Approved"); an empty one → "No status". */
export function statusLabel(status: string): string {
  if (!status) return "No status";
  const words = status.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The chart colour of a reward status: its meaning for the known ones, then a few neutral hues. */
export function statusColor(status: string, index: number): string {
  if (status === "approved" || status === "paid") return "var(--overview-status-approved)";
  if (status === "pending") return "var(--overview-status-pending)";
  if (status === "denied" || status === "rejected" || status === "cancelled") return "var(--overview-status-denied)";
  return `var(--overview-status-other-${(index % 3) + 1})`;
}
