import { Prisma } from "@/lib/generated/prisma/client.ts";
import { OVERVIEW_PERIODS, type OverviewPeriod } from "./search-params.ts";

// The SQL for an overview period's bounds, computed by Postgres in the viewer's time zone (its tz
// database handles DST and the zone's midnight). Each bound is an expression of the query's
// parameters, not a CTE value: with a custom plan (queryPlannedForValues) the planner folds them to
// constants and estimates the range scans on the real dates.
//
// A period is whole buckets (days, or ISO weeks for 12m) ending with the one that holds `now`:
//   current  = [start, end)                   start = midnight of the first bucket, end = the last one's end
//   previous = [previousStart, previousEnd)   the same span one period earlier, cut at the same point
//                                             in time (now − period), so a half-over today is compared
//                                             with the same part of its counterpart.

export type OverviewQuery = {
  period: OverviewPeriod;
  /** An IANA zone Postgres knows (resolveTimeZone). */
  timeZone: string;
  /** The moment the page was asked for; tests pin it. */
  now: Date;
};

export type PeriodWindow = {
  /** Local (timestamp without time zone) start of the first and of the last bucket, for generate_series. */
  firstBucket: Prisma.Sql;
  lastBucket: Prisma.Sql;
  /** One bucket, as an interval. */
  step: Prisma.Sql;
  start: Prisma.Sql;
  end: Prisma.Sql;
  previousStart: Prisma.Sql;
  previousEnd: Prisma.Sql;
  /** The local bucket a timestamptz column falls in. */
  bucketOf(column: Prisma.Sql): Prisma.Sql;
  /** A local bucket start as its day, 'YYYY-MM-DD' (text, so no driver reinterprets it in the server's zone). */
  dayOf(bucket: Prisma.Sql): Prisma.Sql;
};

export function periodWindow(q: OverviewQuery): PeriodWindow {
  if (!Object.hasOwn(OVERVIEW_PERIODS, q.period)) throw new RangeError(`unknown period ${q.period.slice(0, 20)}`);
  const spec = OVERVIEW_PERIODS[q.period];
  const tz = Prisma.sql`${q.timeZone}::text`;
  // Literals from the allow-listed spec above, never from the URL.
  const unit = Prisma.raw(`'${spec.bucket}'`);
  const step = Prisma.raw(`interval '1 ${spec.bucket}'`);
  const span = Prisma.raw(`interval '${spec.buckets} ${spec.bucket}s'`);
  const back = Prisma.raw(`interval '${spec.buckets - 1} ${spec.bucket}s'`);
  const localNow = Prisma.sql`(${q.now.toISOString()}::timestamptz AT TIME ZONE ${tz})`;
  const lastBucket = Prisma.sql`date_trunc(${unit}, ${localNow})`;
  const firstBucket = Prisma.sql`(${lastBucket} - ${back})`;
  return {
    firstBucket,
    lastBucket,
    step,
    start: Prisma.sql`(${firstBucket} AT TIME ZONE ${tz})`,
    end: Prisma.sql`((${lastBucket} + ${step}) AT TIME ZONE ${tz})`,
    previousStart: Prisma.sql`((${firstBucket} - ${span}) AT TIME ZONE ${tz})`,
    previousEnd: Prisma.sql`((${localNow} - ${span}) AT TIME ZONE ${tz})`,
    bucketOf: (column) => Prisma.sql`date_trunc(${unit}, ${column} AT TIME ZONE ${tz})`,
    dayOf: (bucket) => Prisma.sql`to_char(${bucket}, 'YYYY-MM-DD')`,
  };
}
