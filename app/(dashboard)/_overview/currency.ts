import "server-only";
import { DEFAULT_CURRENCY } from "@/lib/format/amount.ts";

/** LEDGER_CURRENCY (the currency of the cash unit's cents) when it is an ISO 4217 code, else USD. */
export function ledgerCurrency(): string {
  const code = process.env.LEDGER_CURRENCY?.trim().toUpperCase();
  if (!code || !/^[A-Z]{3}$/.test(code)) return DEFAULT_CURRENCY;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return code;
  } catch {
    return DEFAULT_CURRENCY;
  }
}
