import "server-only";
import type { PrismaClient, RecordType } from "@/lib/generated/prisma/client.ts";
import { deliveryRowSelect, toDeliveryRow } from "@/lib/records/delivery-row.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";

export type TouchedRecord = {
  type: RecordType;
  id: string;
  /** The promoter's or lead's email. */
  label: string | null;
  /**
   * The record's fields whose current value came from this event (from its field_versions), so the
   * page can say what the event changed that still holds; null when the record no longer exists.
   */
  currentFields: string[] | null;
};

export type EventDetail = NonNullable<Awaited<ReturnType<typeof getEvent>>>;

type Versioned = { id: bigint; fieldVersions: unknown; email?: string | null };

/**
 * Field names whose version key names this event: its last element is the event's id (the key's shape
 * is in lib/projections/version-key.ts; a key from before it, [ms, id], also ends with the id).
 */
function fieldsFrom(fieldVersions: unknown, externalId: string): string[] {
  if (!fieldVersions || typeof fieldVersions !== "object") return [];
  return Object.entries(fieldVersions as Record<string, unknown>)
    .filter(([, v]) => Array.isArray(v) && v.length > 0 && String(v[v.length - 1]) === externalId)
    .map(([k]) => k)
    .sort();
}

/**
 * An event for its detail page: the stored row (payload included), the records it touched (with
 * the promoter's and lead's email, and which of their current values came from this event: one
 * query per record type, never per record), and its delivery attempts. Null when there is no such event.
 */
export async function getEvent(prisma: PrismaClient, rawId: string) {
  const id = parseRecordId(rawId);
  if (id === null) return null;
  const [event, records, deliveries] = await Promise.all([
    prisma.webhookEvent.findUnique({ where: { id } }),
    prisma.eventRecord.findMany({ where: { eventId: id }, orderBy: [{ recordType: "asc" }, { recordId: "asc" }], take: 500 }),
    prisma.webhookDelivery.findMany({ where: { eventId: id }, orderBy: [{ receivedAt: "asc" }, { id: "asc" }], take: 200, select: deliveryRowSelect }),
  ]);
  if (!event) return null;

  const idsOf = (type: RecordType) => ({ id: { in: records.filter((r) => r.recordType === type).map((r) => r.recordId) } });
  const versions = { id: true, fieldVersions: true } as const;
  const found = await Promise.all([
    prisma.promoter.findMany({ where: idsOf("promoter"), select: { ...versions, email: true } }).then((rows) => tag("promoter", rows)),
    prisma.lead.findMany({ where: idsOf("lead"), select: { ...versions, email: true } }).then((rows) => tag("lead", rows)),
    prisma.campaign.findMany({ where: idsOf("campaign"), select: versions }).then((rows) => tag("campaign", rows)),
    prisma.promotion.findMany({ where: idsOf("promotion"), select: versions }).then((rows) => tag("promotion", rows)),
    prisma.reward.findMany({ where: idsOf("reward"), select: versions }).then((rows) => tag("reward", rows)),
    prisma.fulfilment.findMany({ where: idsOf("fulfilment"), select: versions }).then((rows) => tag("fulfilment", rows)),
    prisma.payout.findMany({ where: idsOf("payout"), select: versions }).then((rows) => tag("payout", rows)),
  ]);
  const byKey = new Map(found.flat());

  return {
    event: { ...event, id: event.id.toString(), format: event.source === "firstpromoter_v2" ? ("v2" as const) : ("v1" as const) },
    /** v2's `changes` ({ field: [old, new] }) as stored; null for v1. */
    changes: event.source === "firstpromoter_v2" && event.payload && typeof event.payload === "object" && !Array.isArray(event.payload) ? ((event.payload as Record<string, unknown>).changes ?? null) : null,
    touched: records.map((r): TouchedRecord => {
      const row = byKey.get(`${r.recordType}:${r.recordId}`);
      return {
        type: r.recordType,
        id: r.recordId.toString(),
        label: row?.email ?? null,
        currentFields: row ? fieldsFrom(row.fieldVersions, event.externalId) : null,
      };
    }),
    deliveries: deliveries.map(toDeliveryRow),
  };
}

function tag(type: RecordType, rows: Versioned[]): [string, Versioned][] {
  return rows.map((row) => [`${type}:${row.id}`, row]);
}
