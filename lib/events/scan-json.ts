// One pass over a webhook body's JSON text, before JSON.parse: what JSON.parse would accept but the
// rest of Ledger could not keep safely. No recursion (a hostile body can nest as deep as it likes)
// and no allocation per token on the happy path: a 1 KB delivery costs a few microseconds.
//
// - nesting deeper than MAX_JSON_DEPTH (JSON.parse, redaction and zod all recurse);
// - text Postgres refuses: a NUL (\u0000) or an unpaired UTF-16 surrogate escape in any string or key;
// - numbers Postgres's numeric cannot hold (jsonb stores numbers as numeric): more than 131,072 digits
//   before the decimal point or 16,383 after it, exponents included (1e131072, 1e-16384);
// - keys that name JavaScript's object machinery (__proto__, constructor, prototype), so the caller
//   can take the careful path for those bodies.
// Syntax errors are left to JSON.parse: on malformed text the scan may stop early, never throws.

/** Deeper JSON is refused with 400: FirstPromoter's bodies nest about 5 levels. */
export const MAX_JSON_DEPTH = 64;

/** A JSON path: object keys and array indexes from the root. */
export type JsonPath = (string | number)[];

export type ScanProblem =
  | { kind: "too_deep"; path: JsonPath }
  | { kind: "nul"; path: JsonPath }
  | { kind: "surrogate"; path: JsonPath }
  | { kind: "number"; path: JsonPath; token: string };

export type ScanResult = {
  /** Problems that refuse the body with 400 (depth, NUL, unpaired surrogates), the first one found. */
  refused: Exclude<ScanProblem, { kind: "number" }> | null;
  /** Numbers Postgres cannot store, with where they are (the event is stored as failed, 422). */
  numbers: Extract<ScanProblem, { kind: "number" }>[];
  /** A key named __proto__, constructor or prototype appears somewhere. */
  riskyKeys: boolean;
};

const RISKY_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** Postgres numeric: digits before and after the decimal point. */
const MAX_INT_DIGITS = 131_072;
const MAX_SCALE = 16_383;
/** Reported at most; a hostile body may hold thousands. */
const MAX_NUMBER_PROBLEMS = 20;

type Frame = { array: boolean; index: number; key: string | null; expectKey: boolean };

/** Whether Postgres's numeric accepts a JSON number token (e.g. "-12.5e3"). */
export function isStorableNumber(token: string): boolean {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(token);
  if (!m) return false;
  const int = m[1] ?? "";
  const frac = m[2] ?? "";
  const expText = m[3] ?? "0";
  // Exponents this long are out of Postgres's range (and Number() would lose them).
  if (expText.replace(/^[+-]?0*/, "").length > 9) return false;
  const exp = Number(expText);
  if (frac.length - exp > MAX_SCALE) return false;
  const significant = (int + frac).replace(/^0+/, "");
  if (significant === "") return true; // zero: only its scale matters
  const intDigitsOfValue = significant.length - frac.length + exp;
  return intDigitsOfValue <= MAX_INT_DIGITS;
}

/** Decodes a key's raw text (between its quotes) when it holds escapes. */
function decodeKey(raw: string): string {
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

export function scanJson(text: string): ScanResult {
  const stack: Frame[] = [];
  const numbers: ScanResult["numbers"] = [];
  let refused: ScanResult["refused"] = null;
  let riskyKeys = false;
  const path = (extraKey?: string): JsonPath => {
    const p: JsonPath = [];
    for (const f of stack) p.push(f.array ? f.index : (f.key ?? ""));
    if (extraKey !== undefined) p.push(extraKey);
    return p;
  };
  const n = text.length;
  let i = 0;
  while (i < n && refused === null) {
    const c = text.charCodeAt(i);
    // whitespace
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= MAX_JSON_DEPTH) {
        refused = { kind: "too_deep", path: path() };
        break;
      }
      stack.push({ array: c === 0x5b, index: 0, key: null, expectKey: c === 0x7b });
      i++;
      continue;
    }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      i++;
      continue;
    }
    if (c === 0x2c /* , */) {
      if (top) {
        if (top.array) top.index++;
        else top.expectKey = true;
      }
      i++;
      continue;
    }
    if (c === 0x3a /* : */) {
      if (top) top.expectKey = false;
      i++;
      continue;
    }
    if (c === 0x22 /* " */) {
      const start = i + 1;
      let j = start;
      let problem: "nul" | "surrogate" | null = null;
      let pendingHigh = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x22) break;
        if (d === 0x5c /* \ */) {
          const e = text.charCodeAt(j + 1);
          if (e === 0x75 /* u */) {
            const code = Number.parseInt(text.slice(j + 2, j + 6), 16);
            if (code === 0) problem ??= "nul";
            else if (code >= 0xd800 && code <= 0xdbff) {
              if (pendingHigh) problem ??= "surrogate";
              pendingHigh = true;
              j += 6;
              continue;
            } else if (code >= 0xdc00 && code <= 0xdfff) {
              if (!pendingHigh) problem ??= "surrogate";
              pendingHigh = false;
              j += 6;
              continue;
            }
            if (pendingHigh) problem ??= "surrogate";
            pendingHigh = false;
            j += 6;
            continue;
          }
          if (pendingHigh) problem ??= "surrogate";
          pendingHigh = false;
          j += 2;
          continue;
        }
        if (pendingHigh) problem ??= "surrogate";
        pendingHigh = false;
        // A raw NUL (and other control characters) is invalid JSON: JSON.parse refuses it.
        j++;
      }
      if (pendingHigh) problem ??= "surrogate";
      const isKey = top !== undefined && !top.array && top.expectKey;
      const raw = text.slice(start, j);
      if (isKey) {
        const key = decodeKey(raw);
        top.key = key;
        if (RISKY_KEYS.has(key)) riskyKeys = true;
        if (problem) refused = { kind: problem, path: path() };
      } else if (problem) refused = { kind: problem, path: path() };
      i = j + 1;
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) j++;
        else break;
      }
      // Short plain numbers are always storable: only look closer at long ones or exponents.
      if (j - i > 15 || text.slice(i, j).search(/[eE]/) >= 0) {
        const token = text.slice(i, j);
        if (!isStorableNumber(token) && numbers.length < MAX_NUMBER_PROBLEMS) numbers.push({ kind: "number", path: path(), token: token.length > 40 ? `${token.slice(0, 37)}...` : token });
      }
      i = j;
      continue;
    }
    // true, false, null (or garbage JSON.parse will refuse)
    i++;
  }
  return { refused, numbers, riskyKeys };
}

/** `data.promoter.earnings_balance.cash`, `data.items[3]`: a path as people read it. */
export function formatPath(path: JsonPath): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out || "body";
}
