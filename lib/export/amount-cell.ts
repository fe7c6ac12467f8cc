import { centsToDecimalString } from "@/lib/format/amount.ts";

/**
 * An amount as a spreadsheet wants it: cash in currency units with its cents ("1234.50" from 123450
 * cents), every other unit as stored. Exact decimal text, never a float.
 */
export function amountCell(amount: string | null, unit: string | null): string | null {
  if (amount === null) return null;
  return unit === "cash" ? centsToDecimalString(amount) : amount.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}
