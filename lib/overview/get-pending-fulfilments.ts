import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";

export type PendingUnitTotal = { unit: string; count: number; amount: string };
export type PendingFulfilments = {
  count: number;
  /** When FirstPromoter first sent the one that has waited longest; null when none is pending. */
  oldestAt: Date | null;
  /** now − oldestAt in ms (never negative); null when none is pending. */
  oldestAgeMs: number | null;
  units: PendingUnitTotal[];
};

/** The pending-fulfilments query (exported for the bench's EXPLAIN). */
export function pendingFulfilmentsSql(): Prisma.Sql {
  // The review queue's index, fulfilment(review_status, first_delivery_at, id), finds the pending rows.
  return Prisma.sql`
    SELECT COALESCE(f.unit, '') AS unit, count(*)::int AS count, trim_scale(COALESCE(sum(f.amount), 0))::text AS amount,
           min(f.first_delivery_at) AS oldest
    FROM fulfilment f
    WHERE f.review_status = 'pending'
    GROUP BY 1`;
}

/** Fulfilments awaiting review now (whatever the period): how many, how much per unit, and the oldest one's age. */
export async function getPendingFulfilments(prisma: PrismaClient, now: Date): Promise<PendingFulfilments> {
  const rows = await queryPlannedForValues<{ unit: string; count: number; amount: string; oldest: Date }[]>(prisma, pendingFulfilmentsSql());
  let oldestAt: Date | null = null;
  for (const r of rows) if (!oldestAt || r.oldest < oldestAt) oldestAt = r.oldest;
  return {
    count: rows.reduce((n, r) => n + r.count, 0),
    oldestAt,
    oldestAgeMs: oldestAt ? Math.max(0, now.getTime() - oldestAt.getTime()) : null,
    units: rows
      .map(({ unit, count, amount }) => ({ unit, count, amount }))
      .sort((a, b) => b.count - a.count || a.unit.localeCompare(b.unit)),
  };
}
