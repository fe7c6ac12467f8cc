import "server-only";
import { decodeCursor } from "@/lib/data-table/cursor.ts";
import { cursorValue, fetchKeysetPage, type KeysetOptions, queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import type { Page } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";

/** Timeline entries per page: a lead on a recurring campaign gains a reward event every renewal. */
export const TIMELINE_PAGE_SIZE = 25;

const SORT_KEYS = { occurred_at: "date" } as const;
const SORT = { id: "occurred_at", desc: true } as const;

/** What an event did to the lead: the life-cycle step its type stands for. */
export type LeadTransition = "signup" | "referral" | "customer" | "cancelled" | "reward" | "other";

const TRANSITIONS: Record<string, LeadTransition> = {
  lead_signup: "signup",
  lead_becomes_referral: "referral",
  new_customer: "customer",
  lead_cancelled: "cancelled",
  reward_created: "reward",
};

export type TimelineEntry = {
  /** The stored event's id (/events/<id>). */
  eventId: string;
  externalId: string;
  type: string;
  transition: LeadTransition;
  occurredAt: Date;
  receivedAt: Date;
  /** The lead's state as this event's snapshot reported it. */
  state: string | null;
  /** Lead events: the plan and dates the snapshot carried. */
  planName: string | null;
  customerSince: Date | null;
  cancelledAt: Date | null;
  /** reward_created: the reward it created. */
  reward: { id: string | null; amount: string | null; unit: string | null; status: string | null } | null;
};

type Raw = {
  eventId: bigint;
  externalId: string;
  type: string;
  occurredAt: Date;
  receivedAt: Date;
  state: string | null;
  planName: string | null;
  customerSince: string | null;
  cancelledAt: string | null;
  rewardId: string | null;
  rewardAmount: string | null;
  rewardUnit: string | null;
  rewardStatus: string | null;
};

export type LeadTimeline = Omit<Page<TimelineEntry>, "total"> & { total: number };

/** A timeline cursor from the URL (`?timeline=`), or null for the first (newest) page; never throws. */
export function parseTimelineCursor(raw: string | string[] | undefined) {
  if (typeof raw !== "string") return null;
  const cursor = decodeCursor(raw, SORT_KEYS);
  return cursor && cursor.desc === SORT.desc ? cursor : null;
}

/**
 * The lead's life cycle: every event that touched it (event_record, written in the same statement
 * as the projection), newest first, a page at a time with keyset cursors (a lead's events are read
 * through event_record's primary key, so the cost is that lead's events, never the table's).
 * Only the few payload fields the timeline shows are read, not whole payloads.
 */
export async function listLeadTimeline(prisma: PrismaClient, leadId: bigint, cursorRaw?: string | string[]): Promise<LeadTimeline> {
  const options: KeysetOptions = {
    column: Prisma.raw("e.occurred_at"),
    id: Prisma.raw("e.id"),
    sort: SORT,
    type: "date",
    cursor: parseTimelineCursor(cursorRaw),
    perPage: TIMELINE_PAGE_SIZE,
  };
  const [page, [count]] = await Promise.all([
    fetchKeysetPage(
      options,
      (k) =>
        queryPlannedForValues<Raw[]>(prisma, Prisma.sql`
          SELECT e.id AS "eventId", e.external_id AS "externalId", e.type, e.occurred_at AS "occurredAt", e.received_at AS "receivedAt",
                 COALESCE(e.payload #>> '{data,state}', e.payload #>> '{data,lead,state}') AS state,
                 e.payload #>> '{data,plan_name}' AS "planName",
                 e.payload #>> '{data,customer_since}' AS "customerSince",
                 e.payload #>> '{data,cancelled_at}' AS "cancelledAt",
                 CASE WHEN e.type = 'reward_created' THEN e.payload #>> '{data,id}' END AS "rewardId",
                 CASE WHEN e.type = 'reward_created' THEN e.payload #>> '{data,amount}' END AS "rewardAmount",
                 CASE WHEN e.type = 'reward_created' THEN e.payload #>> '{data,unit}' END AS "rewardUnit",
                 CASE WHEN e.type = 'reward_created' THEN e.payload #>> '{data,status}' END AS "rewardStatus"
          FROM event_record er JOIN webhook_event e ON e.id = er.event_id
          WHERE er.record_type = 'lead' AND er.record_id = ${leadId}::bigint AND ${k.where}
          ORDER BY ${k.orderBy}
          ${k.limit}`),
      (row) => ({ value: cursorValue(row.occurredAt), id: row.eventId.toString() }),
    ),
    prisma.$queryRaw<{ n: number }[]>(
      Prisma.sql`SELECT count(*)::int AS n FROM event_record WHERE record_type = 'lead' AND record_id = ${leadId}::bigint`,
    ),
  ]);
  return { ...page, rows: page.rows.map(toEntry), total: count?.n ?? 0 };
}

function toEntry(r: Raw): TimelineEntry {
  const transition = TRANSITIONS[r.type] ?? "other";
  return {
    eventId: r.eventId.toString(),
    externalId: r.externalId,
    type: r.type,
    transition,
    occurredAt: r.occurredAt,
    receivedAt: r.receivedAt,
    state: r.state,
    planName: r.planName,
    customerSince: toDate(r.customerSince),
    cancelledAt: toDate(r.cancelledAt),
    reward: transition === "reward" ? { id: r.rewardId, amount: r.rewardAmount, unit: r.rewardUnit, status: r.rewardStatus } : null,
  };
}

/** A payload date as sent (processed events passed their schema, but the payload is stored raw). */
function toDate(v: string | null): Date | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
