// Amounts arrive in the unit's smallest step as exact decimal strings (numeric from Postgres):
// cash is cents of LEDGER_CURRENCY; percentages and counts are shown as they are. No floats
// touch money: cents are split as strings before formatting.

export const DEFAULT_CURRENCY = "USD";

/** The <meta> the root layout writes, so browser-side formatting uses the server's LEDGER_CURRENCY. */
export const CURRENCY_META = "ledger-currency";

/** `code` when it is an ISO 4217 code Intl knows, else null. */
export function validCurrency(code: string | null | undefined): string | null {
  const c = code?.trim().toUpperCase();
  if (!c || !/^[A-Z]{3}$/.test(c)) return null;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: c });
    return c;
  } catch {
    return null;
  }
}

let browserCurrency: string | undefined;

/**
 * The currency of the cash unit: LEDGER_CURRENCY on the server (read at run time), and in the
 * browser the value the server wrote into the page's <meta name="ledger-currency">, so server and
 * client render the same text. USD when unset or not a currency code.
 */
export function ledgerCurrency(): string {
  if (typeof document !== "undefined") {
    browserCurrency ??= validCurrency(document.querySelector(`meta[name="${CURRENCY_META}"]`)?.getAttribute("content")) ?? DEFAULT_CURRENCY;
    return browserCurrency;
  }
  return validCurrency(typeof process !== "undefined" ? process.env.LEDGER_CURRENCY : undefined) ?? DEFAULT_CURRENCY;
}

/** "12345" cents → "123.45" as a decimal string, exact for any size (fractions of a cent kept). */
export function centsToDecimalString(cents: string): string {
  const negative = cents.startsWith("-");
  const [whole = "0", frac = ""] = cents.replace(/^-/, "").split(".");
  const padded = whole.padStart(3, "0");
  const units = padded.slice(0, -2).replace(/^0+(?=\d)/, "");
  const decimals = (padded.slice(-2) + frac).replace(/(\d{2})0+$/, "$1");
  return `${negative ? "-" : ""}${units}.${decimals}`;
}

function plural(n: string, one: string, many: string): string {
  return `${n} ${Number(n) === 1 ? one : many}`;
}

/** A human amount for a unit, in the viewer's locale. */
export function formatAmount(amount: string | number | null | undefined, unit: string | null | undefined, opts: { currency?: string; locale?: string } = {}): string {
  if (amount === null || amount === undefined) return "—";
  const value = String(amount);
  const locale = opts.locale;
  const num = (v: string, max = 4) => new Intl.NumberFormat(locale, { maximumFractionDigits: max }).format(Number(v));
  switch (unit) {
    case "cash":
      // Intl accepts a decimal string without going through a float (ES2023 string numerics).
      return new Intl.NumberFormat(locale, { style: "currency", currency: opts.currency ?? ledgerCurrency() }).format(
        centsToDecimalString(value) as unknown as number,
      );
    case "free_months":
      return plural(num(value), "free month", "free months");
    case "discount_per":
    case "per_of_sale":
      return `${num(value)}%`;
    case "credits":
      return plural(num(value), "credit", "credits");
    case "points":
      return plural(num(value), "point", "points");
    default:
      return `${num(value)}${unit ? ` ${unit.replaceAll("_", " ")}` : ""}`;
  }
}
