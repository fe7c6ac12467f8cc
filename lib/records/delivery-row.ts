import type { Prisma } from "@/lib/generated/prisma/client.ts";

/**
 * One POST to the webhook as every screen shows it: the Deliveries list, a delivery's page, and the
 * delivery attempts on an event's and a fulfilment's page.
 */
export type DeliveryRow = {
  id: string;
  receivedAt: Date;
  statusCode: number;
  outcome: string;
  errorCode: string | null;
  /** Why it was refused (the Deliveries list shows the first 300 characters). */
  reason: string | null;
  /** event.id and event.type as sent, when the envelope could be read that far. */
  externalEventId: string | null;
  eventType: string | null;
  /** The stored event it delivered (a link), when there is one. */
  eventId: string | null;
  bodyBytes: number | null;
  /** Which webhook URL it came to: v1 or v2. */
  format: string;
};

/** A DeliveryRow as the database returns it (ids are bigints). */
export type DeliveryRaw = Omit<DeliveryRow, "id" | "eventId"> & { id: bigint; eventId: bigint | null };

/** The columns of a DeliveryRow, for Prisma's findMany/findUnique. */
export const deliveryRowSelect = {
  id: true,
  receivedAt: true,
  statusCode: true,
  outcome: true,
  errorCode: true,
  reason: true,
  externalEventId: true,
  eventType: true,
  eventId: true,
  bodyBytes: true,
  format: true,
} as const satisfies Prisma.WebhookDeliverySelect;

export function toDeliveryRow(d: DeliveryRaw): DeliveryRow {
  return {
    id: d.id.toString(),
    receivedAt: d.receivedAt,
    statusCode: d.statusCode,
    outcome: d.outcome,
    errorCode: d.errorCode,
    reason: d.reason,
    externalEventId: d.externalEventId,
    eventType: d.eventType,
    eventId: d.eventId?.toString() ?? null,
    bodyBytes: d.bodyBytes,
    format: d.format,
  };
}
