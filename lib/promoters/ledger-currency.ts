import "server-only";
import { DEFAULT_CURRENCY } from "@/lib/format/amount.ts";

/**
 * The currency of the `cash` unit (LEDGER_CURRENCY, README), read on the server and handed to the
 * client components that format amounts. An ISO 4217 code; anything else falls back to the default
 * rather than making Intl throw while rendering. (Not promoter-specific: a candidate for lib/format.)
 */
export function ledgerCurrency(): string {
  const code = process.env.LEDGER_CURRENCY?.trim().toUpperCase();
  return code && /^[A-Z]{3}$/.test(code) ? code : DEFAULT_CURRENCY;
}
