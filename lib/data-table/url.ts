import type { DateRange } from "./types.ts";

// The inverse of parsers.ts: table state → URL parameter values (null removes the parameter, which
// is how defaults are written, so a plain URL and a "reset" URL are the same page).

/** `a,b` for a multi-select, `from,to` (epoch ms, either may be empty) for a date range. */
export function filterParam(value: unknown): string | null {
  if (Array.isArray(value)) return value.length > 0 ? value.map(String).join(",") : null;
  if (value && typeof value === "object" && ("from" in value || "to" in value)) {
    const { from, to } = value as DateRange;
    if (from == null && to == null) return null;
    return `${from ?? ""},${to ?? ""}`;
  }
  return null;
}

export function sortParam(sort: { id: string; desc: boolean } | undefined, defaultSort: { id: string; desc: boolean }): string | null {
  if (!sort || (sort.id === defaultSort.id && sort.desc === defaultSort.desc)) return null;
  return `${sort.id}.${sort.desc ? "desc" : "asc"}`;
}

/** `base` with `changes` applied (null deletes), as `?…` (or "" when nothing is left). */
export function withParams(base: URLSearchParams | string, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(base);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  const qs = next.toString();
  return qs ? `?${qs}` : "";
}
