import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { type OverviewQuery, periodWindow } from "./period-window.ts";

/** Amounts are exact decimal strings in the unit's smallest step (cents for cash), summed by Postgres. */
export type RewardStatusTotal = { status: string; count: number; amount: string };
export type RewardUnitTotal = { unit: string; count: number; amount: string; statuses: RewardStatusTotal[] };
export type RewardsByUnit = {
  units: RewardUnitTotal[];
  /** The period as instants (epoch ms), for links to the rewards screen's created_at filter; null when no rewards. */
  range: { from: number; to: number } | null;
};

/**
 * When a reward counts as created: the rewards screen's "created" (FirstPromoter's created_at, else
 * when Ledger first saw it), so a link from here to /rewards?created_at=… lists the same rewards.
 * Indexed by reward_created_idx (migration rewards_fulfilments_list), which also gives the planner
 * statistics on the expression.
 */
const CREATED_AT = Prisma.raw("COALESCE(r.fp_created_at, r.first_seen_at)");

/** The rewards query (exported for the bench's EXPLAIN). */
export function rewardsByUnitSql(q: OverviewQuery): Prisma.Sql {
  const w = periodWindow(q);
  // GROUPING SETS: per (unit, status) and per unit in one pass, so unit totals are summed in
  // numeric too (never in JavaScript floats). trim_scale drops numeric(20,4)'s trailing zeros.
  return Prisma.sql`
    SELECT COALESCE(r.unit, '') AS unit, COALESCE(r.status, '') AS status, GROUPING(r.status) = 1 AS "unitTotal",
           count(*)::int AS count, trim_scale(COALESCE(sum(r.amount), 0))::text AS amount,
           ${w.start} AS "from", ${w.end} AS "to"
    FROM reward r
    WHERE ${CREATED_AT} >= ${w.start} AND ${CREATED_AT} < ${w.end}
    GROUP BY GROUPING SETS ((r.unit, r.status), (r.unit))`;
}

/** Rewards created in the period, per unit and status: how many and how much. Busiest unit first. */
export async function getRewardsByUnit(prisma: PrismaClient, q: OverviewQuery): Promise<RewardsByUnit> {
  type Row = { unit: string; status: string; unitTotal: boolean; count: number; amount: string; from: Date; to: Date };
  const rows = await queryPlannedForValues<Row[]>(
    prisma,
    rewardsByUnitSql(q),
  );
  const units = new Map<string, RewardUnitTotal>();
  const unitOf = (unit: string) => {
    let u = units.get(unit);
    if (!u) units.set(unit, (u = { unit, count: 0, amount: "0", statuses: [] }));
    return u;
  };
  for (const r of rows) {
    const u = unitOf(r.unit);
    if (r.unitTotal) Object.assign(u, { count: r.count, amount: r.amount });
    else u.statuses.push({ status: r.status, count: r.count, amount: r.amount });
  }
  for (const u of units.values()) u.statuses.sort((a, b) => b.count - a.count || a.status.localeCompare(b.status));
  const first = rows[0];
  return {
    units: [...units.values()].sort((a, b) => b.count - a.count || a.unit.localeCompare(b.unit)),
    range: first ? { from: first.from.getTime(), to: first.to.getTime() } : null,
  };
}
