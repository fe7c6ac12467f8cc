import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { estimateRows } from "./keyset.ts";

export type FacetCounts = { counts: Map<string, number>; approximate: boolean };

/** Below this many rows a GROUP BY is a few milliseconds; above it, counts come from the statistics. */
export const EXACT_FACETS_BELOW = 50_000;

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Value counts of a low-cardinality column (an enum, an event type) for a faceted filter, without
 * ever scanning a large table: exact (GROUP BY) while the table is small, otherwise the planner's
 * statistics (pg_stats most-common values × reltuples: approximate, and free). A value too rare to
 * be in the statistics gets no count; null when there are no statistics yet (never analyzed).
 * `table` and `column` come from code (checked to be plain identifiers), never from a request.
 */
export async function facetCounts(prisma: PrismaClient, table: string, column: string): Promise<FacetCounts | null> {
  if (!IDENT.test(table) || !IDENT.test(column)) throw new Error(`facetCounts: not a plain identifier: ${table}.${column}`);
  const estimate = await estimateRows(prisma, table);
  if (estimate === null || estimate < EXACT_FACETS_BELOW) {
    // Never analyzed: only count when it turns out small (the LIMIT caps the probe).
    if (estimate === null) {
      const [probe] = await prisma.$queryRaw<{ n: number }[]>(
        Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${Prisma.raw(table)} ${Prisma.raw(`LIMIT ${EXACT_FACETS_BELOW}`)}) AS p`,
      );
      if ((probe?.n ?? 0) >= EXACT_FACETS_BELOW) return null;
    }
    const rows = await prisma.$queryRaw<{ value: string | null; n: number }[]>(
      Prisma.sql`SELECT ${Prisma.raw(column)}::text AS value, count(*)::int AS n FROM ${Prisma.raw(table)} GROUP BY 1`,
    );
    return { counts: new Map(rows.filter((r) => r.value !== null).map((r) => [r.value as string, r.n])), approximate: false };
  }
  const [stats] = await prisma.$queryRaw<{ vals: string[] | null; freqs: number[] | null }[]>(Prisma.sql`
    SELECT most_common_vals::text::text[] AS vals, most_common_freqs::float8[] AS freqs
    FROM pg_stats WHERE schemaname = current_schema() AND tablename = ${table} AND attname = ${column}`);
  if (!stats?.vals || !stats.freqs) return null;
  const counts = new Map<string, number>();
  stats.vals.forEach((v, i) => counts.set(v, Math.round((stats.freqs?.[i] ?? 0) * estimate)));
  return { counts, approximate: true };
}
