// CSV text for exports (RFC 4180: comma-separated, CRLF line ends, quotes doubled), safe to open in
// a spreadsheet: a text cell that starts with = + - @ (or a tab or carriage return, which some
// spreadsheets skip before reading a formula) is prefixed with an apostrophe so it is shown as text,
// never evaluated (OWASP "CSV injection"). Plain numbers we write ourselves ("-12.50") are left as
// numbers: they cannot be formulas.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

/** One cell's text. Dates are ISO 8601 instants (UTC); null/undefined are empty. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (value instanceof Date) text = Number.isNaN(value.getTime()) ? "" : value.toISOString();
  else if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") text = String(value);
  else text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** Written first so spreadsheet programs read the file as UTF-8. */
export const UTF8_BOM = "\uFEFF";
