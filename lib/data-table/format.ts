import type { PageTotal } from "./types.ts";

/** "1,234", or in compact notation "1.2M". `locale` undefined means the viewer's. */
export function formatCount(n: number, locale: string | undefined, compact = false): string {
  return new Intl.NumberFormat(locale, compact ? { notation: "compact", maximumFractionDigits: 1 } : undefined).format(n);
}

/** "1,234 events", "about 1.2M events" (an estimate), "10,000+ events" (counting stopped at the cap). */
export function formatTotal(total: PageTotal, noun: [one: string, other: string], locale: string | undefined): string {
  const word = total.value === 1 && total.exact ? noun[0] : noun[1];
  if (total.exact) return `${formatCount(total.value, locale)} ${word}`;
  if (total.capped) return `${formatCount(total.value, locale)}+ ${word}`;
  return `about ${formatCount(total.value, locale, true)} ${word}`;
}
