import "server-only";
import { cappedCountSql, COUNT_CAP } from "@/lib/data-table/keyset.ts";
import type { PageTotal } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";

// A promoter's timeline: every stored event that mentioned them (event_record rows of type promoter,
// written in the same statement as the event), newest first, a page at a time.
//
// "Newest" is Ledger's event id, i.e. the order events were received, not occurred_at: the
// primary key (record_type, record_id, event_id) hands those out in order, so a page reads
// TIMELINE_PAGE index entries and joins only those events, however many thousands of events a busy
// promoter has (every lead event names its promoter). Ordering by occurred_at would have to read
// and sort all of them on every view. Both times are shown on each item.

export const TIMELINE_PAGE = 25;

export type TimelineItem = {
  /** Ledger's event id (the /events/<id> page). */
  id: string;
  externalId: string;
  type: string;
  status: "processed" | "ignored" | "failed";
  occurredAt: Date;
  receivedAt: Date;
  /** A lead's email the event is about (lead events, a reward's lead), when it names one. */
  email: string | null;
  /** A reward's or fulfilment's amount and unit, when the event carries one. */
  amount: string | null;
  unit: string | null;
};

export type Timeline = {
  items: TimelineItem[];
  /** The `before` value of the next (older) page; null when this is the last one. */
  olderBefore: string | null;
  /** Events that mention the promoter (exact up to COUNT_CAP). */
  total: PageTotal;
};

/** The timeline's `?before=` parameter: a positive event id, or null (the newest page) for anything else. */
export function parseTimelineBefore(raw: string | string[] | undefined): bigint | null {
  return typeof raw === "string" ? parseRecordId(raw) : null;
}

type Raw = Omit<TimelineItem, "id"> & { id: bigint };

/** One page of the promoter's timeline: events received before `before` (exclusive), newest first. */
export async function listPromoterTimeline(prisma: PrismaClient, promoterId: bigint, before: bigint | null): Promise<Timeline> {
  const mentions = Prisma.sql`r.record_type = 'promoter' AND r.record_id = ${promoterId}`;
  const after = before === null ? Prisma.empty : Prisma.sql` AND r.event_id < ${before}`;
  // Plain queries (see relatedCounts in get-promoter.ts): equality on the key's leading columns and
  // a range on the last plan the same whatever the values.
  const [rows, counted] = await Promise.all([
    prisma.$queryRaw<Raw[]>(
      Prisma.sql`
        SELECT e.id, e.external_id AS "externalId", e.type, e.status::text AS status, e.occurred_at AS "occurredAt", e.received_at AS "receivedAt",
               left(COALESCE(e.payload #>> '{data,email}', e.payload #>> '{data,lead,email}'), 254) AS email,
               left(e.payload #>> '{data,amount}', 40) AS amount, left(e.payload #>> '{data,unit}', 40) AS unit
        FROM event_record r JOIN webhook_event e ON e.id = r.event_id
        WHERE ${mentions}${after}
        ORDER BY r.event_id DESC
        ${Prisma.raw(`LIMIT ${TIMELINE_PAGE + 1}`)}`,
    ),
    prisma.$queryRaw<{ n: number }[]>(cappedCountSql(Prisma.sql`event_record r`, mentions)),
  ]);
  const page = rows.slice(0, TIMELINE_PAGE).map((r) => ({ ...r, id: r.id.toString() }));
  const n = counted[0]?.n ?? 0;
  return {
    items: page,
    olderBefore: rows.length > TIMELINE_PAGE ? (page.at(-1)?.id ?? null) : null,
    total: n > COUNT_CAP ? { value: COUNT_CAP, exact: false, capped: true } : { value: n, exact: true },
  };
}
