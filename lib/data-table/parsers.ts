import { z } from "zod";
import { decodeCursor } from "./cursor.ts";
import type { DateRange, FilterSpec, TableSearch, TableSearchSpec } from "./types.ts";

// A list page's URL → its validated state. Nothing in a URL can make a list query fail: every part
// that does not parse falls back to its default (bad sort → default sort, bad cursor → first page,
// unknown filter values dropped), and only allow-listed sort keys and filter values get through.

/** Next's `searchParams` (a value per key, repeated keys as arrays) or a URLSearchParams. */
export type RawSearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

const DEFAULT_SEARCH_MAX = 200;
const DEFAULT_MULTI_MAX = 50;
/** Raw parameter values longer than this are ignored before any parsing. */
const MAX_PARAM_LENGTH = 4096;
/** Year 9999: beyond it Postgres and Date disagree. */
const MAX_EPOCH_MS = 253_402_300_799_999;

function read(raw: RawSearchParams, key: string): string | undefined {
  const values = raw instanceof URLSearchParams ? raw.getAll(key) : ([] as string[]).concat(raw[key] ?? []);
  if (values.length === 0) return undefined;
  const joined = values.join(",");
  // Postgres refuses NUL in text; a value holding one cannot match anything anyway.
  return joined.length > MAX_PARAM_LENGTH || joined.includes("\u0000") ? undefined : joined;
}

const epochMs = z.string().regex(/^\d{1,15}$/).transform(Number).pipe(z.number().max(MAX_EPOCH_MS));

const dateRangeSchema = z
  .string()
  .transform((s, ctx): DateRange => {
    const parts = s.split(",");
    if (parts.length !== 2) {
      ctx.addIssue({ code: "custom", message: "expected from,to" });
      return z.NEVER;
    }
    const [from, to] = parts.map((p) => (p.trim() === "" ? null : epochMs.safeParse(p.trim()).data ?? undefined));
    if (from === undefined || to === undefined || (from === null && to === null) || (from !== null && to !== null && from >= to)) {
      ctx.addIssue({ code: "custom", message: "invalid date range" });
      return z.NEVER;
    }
    return { from, to };
  })
  .nullable()
  .catch(null);

function multiSchema(spec: Extract<FilterSpec, { kind: "multi" }>) {
  const allowed = "values" in spec ? new Set(spec.values) : null;
  const valid = (v: string) => (allowed ? allowed.has(v) : "pattern" in spec && spec.pattern.test(v));
  return z
    .string()
    .transform((s) => [...new Set(s.split(",").map((v) => v.trim()))].filter((v) => v !== "" && valid(v)).slice(0, spec.max ?? DEFAULT_MULTI_MAX))
    .catch([]);
}

/** `sort=<key>.<asc|desc>` with an allow-listed key; anything else is the default sort. */
function sortSchema(spec: TableSearchSpec) {
  return z
    .string()
    .regex(/^[a-z0-9_]{1,64}\.(asc|desc)$/i)
    .transform((s) => {
      const dot = s.lastIndexOf(".");
      return { id: s.slice(0, dot), desc: s.slice(dot + 1).toLowerCase() === "desc" };
    })
    .refine((s) => Object.hasOwn(spec.sortKeys, s.id))
    .catch({ ...spec.defaultSort });
}

export function createSearchParser<const S extends TableSearchSpec>(spec: S): (raw: RawSearchParams) => TableSearch<S> {
  if (!Object.hasOwn(spec.sortKeys, spec.defaultSort.id)) throw new Error(`default sort ${spec.defaultSort.id} is not a sort key`);
  if (!spec.perPageOptions.includes(spec.defaultPerPage)) throw new Error(`default page size ${spec.defaultPerPage} is not an option`);
  const sort = sortSchema(spec);
  const perPage = z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .refine((n) => spec.perPageOptions.includes(n))
    .catch(spec.defaultPerPage);
  const q = z.string().trim().max(spec.searchMaxLength ?? DEFAULT_SEARCH_MAX).catch("");
  const filters = Object.entries(spec.filters).map(([key, f]) => [key, f.kind === "dateRange" ? dateRangeSchema : multiSchema(f)] as const);

  return (raw) => {
    const s = sort.parse(read(raw, "sort") ?? "");
    const cursorRaw = read(raw, "cursor");
    const cursor = cursorRaw ? decodeCursor(cursorRaw, spec.sortKeys) : null;
    const parsedFilters: Record<string, unknown> = {};
    for (const [key, schema] of filters) {
      const value = read(raw, key);
      parsedFilters[key] = value === undefined ? (schema === dateRangeSchema ? null : []) : schema.parse(value);
    }
    return {
      sort: s,
      perPage: perPage.parse(read(raw, "perPage") ?? ""),
      // A cursor made under another order points nowhere meaningful in this one: start over.
      cursor: cursor && cursor.sort === s.id && cursor.desc === s.desc ? cursor : null,
      q: q.parse(read(raw, "q") ?? ""),
      filters: parsedFilters as TableSearch<S>["filters"],
    };
  };
}

/** True when any filter or the search box narrows the list (the exact-count and empty-state logic use it). */
export function isFiltered(search: Pick<TableSearch, "q" | "filters">): boolean {
  if (search.q !== "") return true;
  return Object.values(search.filters as Record<string, unknown>).some((v) => (Array.isArray(v) ? v.length > 0 : v !== null));
}

/** What the client table needs of a spec to write URLs (serializable, unlike the spec's patterns). */
export type TableUrlDefaults = { defaultSort: { id: string; desc: boolean }; defaultPerPage: number; perPageOptions: number[] };

export function urlDefaults(spec: TableSearchSpec): TableUrlDefaults {
  return { defaultSort: { ...spec.defaultSort }, defaultPerPage: spec.defaultPerPage, perPageOptions: [...spec.perPageOptions] };
}
