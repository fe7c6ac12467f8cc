// Balance kinds and units as the promoters screens show and sort them. Client-safe (no server or
// parser imports): the table's headers and cells use these too.

export const BALANCE_KINDS = ["current", "earnings", "paid"] as const;
export type BalanceKind = (typeof BALANCE_KINDS)[number];

/**
 * The reward units FirstPromoter knows, in display order. Balances in any other unit are still
 * shown (after these, by name); only these can be sorted by, because sort keys are a fixed allow-list.
 */
export const BALANCE_UNITS = ["cash", "free_months", "credits", "points", "discount_per"] as const;
export type BalanceUnit = (typeof BALANCE_UNITS)[number];

const UNIT_LABELS: Record<string, string> = {
  cash: "Cash",
  free_months: "Free months",
  credits: "Credits",
  points: "Points",
  discount_per: "Discount %",
};

export const KIND_LABELS: Record<BalanceKind, string> = { current: "Current", earnings: "Earnings", paid: "Paid" };

/** A unit's label: the known ones by name, others as written ("mon_discount" → "mon discount"). */
export function unitLabel(unit: string): string {
  return UNIT_LABELS[unit] ?? unit.replaceAll("_", " ");
}

/** Known units first (in BALANCE_UNITS order), then any other by name. */
export function compareUnits(a: string, b: string): number {
  const rank = (u: string) => {
    const i = (BALANCE_UNITS as readonly string[]).indexOf(u);
    return i === -1 ? BALANCE_UNITS.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

export type BalanceSortKey = `${BalanceUnit}_${BalanceKind}`;

/** Every balance sort key (the URL's `sort=<unit>_<kind>.<dir>`) with its unit and kind. */
export const BALANCE_SORTS: ReadonlyMap<string, { unit: BalanceUnit; kind: BalanceKind }> = new Map(
  BALANCE_UNITS.flatMap((unit) => BALANCE_KINDS.map((kind) => [`${unit}_${kind}`, { unit, kind }] as const)),
);

export function balanceSortKey(unit: BalanceUnit, kind: BalanceKind): BalanceSortKey {
  return `${unit}_${kind}`;
}
