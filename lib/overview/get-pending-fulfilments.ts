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
  /** Approvals FirstPromoter has not confirmed yet (on their way, waiting for the API, or answered 200 only). */
  unconfirmed: number;
  /** Sends that failed and are not settled (approvals, denials, unfulfils). */
  failed: number;
};

/** Sync states of an approval not (yet) confirmed by FirstPromoter's API. */
export const UNCONFIRMED_SYNC_STATES = ["sending", "sent", "retrying", "waiting", "not_connected", "paused", "answered_200"] as const;
export const FAILED_SYNC_STATES = ["failed", "deny_failed", "unfulfil_failed"] as const;

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
/** Fulfilments per sync state that needs attention (the sync-state index: a few index ranges). */
export function syncCountsSql(): Prisma.Sql {
  const states = [...UNCONFIRMED_SYNC_STATES, ...FAILED_SYNC_STATES];
  return Prisma.sql`SELECT f.sync_state::text AS state, count(*)::int AS n FROM fulfilment f WHERE f.sync_state = ANY(${states}::sync_state[]) GROUP BY 1`;
}

export async function getPendingFulfilments(prisma: PrismaClient, now: Date): Promise<PendingFulfilments> {
  const [rows, sync] = await Promise.all([
    queryPlannedForValues<{ unit: string; count: number; amount: string; oldest: Date }[]>(prisma, pendingFulfilmentsSql()),
    queryPlannedForValues<{ state: string; n: number }[]>(prisma, syncCountsSql()),
  ]);
  const count = (states: readonly string[]) => sync.filter((s) => states.includes(s.state)).reduce((n, s) => n + s.n, 0);
  let oldestAt: Date | null = null;
  for (const r of rows) if (!oldestAt || r.oldest < oldestAt) oldestAt = r.oldest;
  return {
    count: rows.reduce((n, r) => n + r.count, 0),
    oldestAt,
    oldestAgeMs: oldestAt ? Math.max(0, now.getTime() - oldestAt.getTime()) : null,
    units: rows
      .map(({ unit, count, amount }) => ({ unit, count, amount }))
      .sort((a, b) => b.count - a.count || a.unit.localeCompare(b.unit)),
    unconfirmed: count(UNCONFIRMED_SYNC_STATES),
    failed: count(FAILED_SYNC_STATES),
  };
}
