// The approve dialog's "total per unit": exact sums of decimal amount strings (numeric(20,4) as
// text), never through floats, so cents add up. Client-safe (pure).

const SCALE = 4;

function toUnits(amount: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) throw new RangeError(`not a decimal amount: ${amount}`);
  const frac = (m[3] ?? "").padEnd(SCALE, "0");
  if (frac.length > SCALE && /[1-9]/.test(frac.slice(SCALE))) throw new RangeError(`more than ${SCALE} decimals: ${amount}`);
  const n = BigInt(`${m[2]}${frac.slice(0, SCALE)}`);
  return m[1] === "-" ? -n : n;
}

function fromUnits(n: bigint): string {
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(SCALE + 1, "0");
  const whole = digits.slice(0, -SCALE);
  const frac = digits.slice(-SCALE).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

export type UnitTotal = { unit: string | null; total: string; count: number };

/**
 * Sums amounts per unit, in first-seen order. Rows without an amount still count (FirstPromoter may
 * omit it) but add nothing; `total` is a decimal string for formatAmount.
 */
export function totalByUnit(rows: readonly { amount: string | null; unit: string | null }[]): UnitTotal[] {
  const totals = new Map<string | null, { sum: bigint; count: number }>();
  for (const r of rows) {
    const t = totals.get(r.unit) ?? { sum: 0n, count: 0 };
    t.sum += r.amount === null ? 0n : toUnits(r.amount);
    t.count += 1;
    totals.set(r.unit, t);
  }
  return [...totals].map(([unit, t]) => ({ unit, total: fromUnits(t.sum), count: t.count }));
}
