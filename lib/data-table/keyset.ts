import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { encodeCursor } from "./cursor.ts";
import type { Cursor, CursorValue, Page, PageTotal, SortKeyType } from "./types.ts";

// Keyset ("seek") pagination over (sort key, id): each page continues from the last row seen with
// an index range scan, so page 1000 costs what page 1 costs (OFFSET would read and drop every row
// before it). The sort key must be NOT NULL; id breaks ties so the order is total.

export type KeysetOptions = {
  /** The sort column as SQL, e.g. Prisma.raw("e.received_at"); from code, never from the URL. */
  column: Prisma.Sql;
  /** The unique tie-breaker column, e.g. Prisma.raw("e.id") (bigint). */
  id: Prisma.Sql;
  sort: { id: string; desc: boolean };
  type: SortKeyType;
  cursor: Cursor | null;
  perPage: number;
};

export type Keyset = {
  /** The cursor condition (TRUE on the first page), to AND with the filters. */
  where: Prisma.Sql;
  orderBy: Prisma.Sql;
  /**
   * LIMIT perPage + 1 (the extra row tells whether there is another page), as a literal, so the
   * planner always sees the real row count it is asked for.
   */
  limit: Prisma.Sql;
};

function castValue(value: CursorValue, type: SortKeyType): Prisma.Sql {
  switch (type) {
    case "date":
      return Prisma.sql`${value}::timestamptz`;
    case "number":
      return Prisma.sql`${value}::numeric`;
    case "bigint":
      return Prisma.sql`${value}::bigint`;
    case "text":
      return Prisma.sql`${value}::text`;
  }
}

/** The WHERE/ORDER BY/LIMIT for one page. Going back ("prev") reads the other way and is reversed by toPage. */
export function keyset(o: KeysetOptions): Keyset {
  const backwards = o.cursor?.dir === "prev";
  // Reading forward in a descending order means smaller keys; going back flips both.
  const descending = o.sort.desc !== backwards;
  const dir = Prisma.raw(descending ? "DESC" : "ASC");
  const orderBy = Prisma.sql`${o.column} ${dir}, ${o.id} ${dir}`;
  if (!Number.isSafeInteger(o.perPage) || o.perPage < 1 || o.perPage > 1000) throw new RangeError(`bad page size ${o.perPage}`);
  const limit = Prisma.raw(`LIMIT ${o.perPage + 1}`);
  if (!o.cursor) return { where: Prisma.sql`TRUE`, orderBy, limit };
  const op = Prisma.raw(descending ? "<" : ">");
  // A row comparison: Postgres turns it into one index range condition on (key, id).
  const where = Prisma.sql`(${o.column}, ${o.id}) ${op} (${castValue(o.cursor.value, o.type)}, ${o.cursor.id}::bigint)`;
  return { where, orderBy, limit };
}

/**
 * Runs a keyset page query and shapes the result. `fetch` runs the query with the given keyset;
 * `keyOf` reads a row's sort key value and id. A "prev" page that reaches the start of the list
 * with fewer rows than a page is served as the first page instead (so it is full).
 */
export async function fetchKeysetPage<T>(
  o: KeysetOptions,
  fetch: (k: Keyset) => Promise<T[]>,
  keyOf: (row: T) => { value: CursorValue; id: string },
): Promise<Omit<Page<T>, "total">> {
  const rows = await fetch(keyset(o));
  const hasMore = rows.length > o.perPage;
  const page = rows.slice(0, o.perPage);
  const cursorAt = (row: T | undefined, dir: Cursor["dir"]) => {
    if (!row) return null;
    const { value, id } = keyOf(row);
    return encodeCursor({ sort: o.sort.id, desc: o.sort.desc, value, id, dir });
  };
  if (!o.cursor) return { rows: page, nextCursor: hasMore ? cursorAt(page.at(-1), "next") : null, prevCursor: null };
  if (o.cursor.dir === "next") {
    return { rows: page, nextCursor: hasMore ? cursorAt(page.at(-1), "next") : null, prevCursor: cursorAt(page[0], "prev") };
  }
  page.reverse();
  if (!hasMore && page.length < o.perPage) return fetchKeysetPage({ ...o, cursor: null }, fetch, keyOf);
  return { rows: page, nextCursor: cursorAt(page.at(-1), "next"), prevCursor: hasMore ? cursorAt(page[0], "prev") : null };
}

/** A cursor value as written into cursors: ISO instants for dates. */
export function cursorValue(v: Date | string | number | bigint): CursorValue {
  if (v instanceof Date) return v.toISOString();
  return typeof v === "bigint" ? v.toString() : v;
}

/** Counting stops here: "10,000+" rather than a count that reads a million rows. */
export const COUNT_CAP = 10_000;

/**
 * The total for the page footer. Unfiltered: the planner's estimate of the table's rows when it is
 * above the cap (free: pg_class.reltuples), else an exact count. Filtered: an exact count of at
 * most COUNT_CAP + 1 rows (a LIMIT inside the count), so "10,000+" when there are more.
 */
export async function pageTotal(
  prisma: PrismaClient,
  o: { table: string; from: Prisma.Sql; where: Prisma.Sql; filtered: boolean },
): Promise<PageTotal> {
  if (!o.filtered) {
    const estimate = await estimateRows(prisma, o.table);
    if (estimate !== null && estimate > COUNT_CAP) return { value: estimate, exact: false };
  }
  const [row] = await queryPlannedForValues<{ n: number }[]>(prisma, cappedCountSql(o.from, o.where));
  const n = row?.n ?? 0;
  return n > COUNT_CAP ? { value: COUNT_CAP, exact: false, capped: true } : { value: n, exact: true };
}

/** count(*) of at most COUNT_CAP + 1 matching rows (exported for the bench's EXPLAIN). */
export function cappedCountSql(from: Prisma.Sql, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${where} ${Prisma.raw(`LIMIT ${COUNT_CAP + 1}`)}) AS capped`;
}

/** pg_class.reltuples for a table named in code; null when the table was never analyzed. */
export async function estimateRows(prisma: PrismaClient, table: string): Promise<number | null> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>(
    Prisma.sql`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass(${table})`,
  );
  return row && row.n >= 0 ? Math.round(row.n) : null;
}

/**
 * Runs a list query, planned for its actual values. Prisma's driver adapter sends unnamed statements,
 * which Postgres plans with the bound values every time (a rare filter value or a one-row search
 * gets its own plan: measured on 100k events, a generic plan counted `outcome=failed` in 60-90 ms
 * instead of 1 ms). An earlier version wrapped the query in a transaction with
 * `SET LOCAL plan_cache_mode = force_custom_plan` for a pool-wide generic-plan setting that is gone;
 * that transaction also interleaved badly with concurrent queries on embedded PGlite, whose socket
 * connections share one session. Keep list queries to this one function so the choice stays in one place.
 */
export async function queryPlannedForValues<T>(prisma: PrismaClient, sql: Prisma.Sql): Promise<T> {
  return prisma.$queryRaw<T>(sql);
}
