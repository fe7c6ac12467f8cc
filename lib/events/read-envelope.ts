import { AppError, ErrorCode } from "@/lib/errors.ts";
import { envelopeSchema } from "@/lib/firstpromoter/schemas.ts";
import { normaliseEntityType, v2EnvelopeSchema } from "@/lib/firstpromoter/v2-schemas.ts";
import type { Action } from "@/lib/projections/version-key.ts";
import { v2HandlerKey } from "./v2-event-types.ts";

// Reading a parsed body as FirstPromoter's envelope, v1 or v2: what storing and projecting the event
// needs (its id, type, time, and for v2 its action and the handler it routes to). The webhook reads
// every delivery with it (receive-delivery.ts), and replay reads stored events with it again.

export const WEBHOOK_PATH = { v1: "/api/webhooks/firstpromoter", v2: "/api/webhooks/firstpromoter/v2" } as const;

const refuse = (message: string, field = "body") => new AppError(ErrorCode.INVALID_ENVELOPE, message, { field });

/** An envelope read, either format: what storing and projecting the event needs. */
export type Envelope = {
  externalId: string;
  type: string;
  occurredAt: string;
  action?: Action;
  handlerKey?: string;
  entityType?: string;
  /** v2: data.id when data leaves it out. */
  idFallback?: string;
  test?: boolean;
};

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A v2 body (event_id, event_type and data at the top level). */
const looksV2 = (json: unknown) => isObject(json) && "event_id" in json && "event_type" in json && !("event" in json);
/** A v1 body ({event: {…}, data}). */
const looksV1 = (json: unknown) => isObject(json) && isObject(json.event) && !("event_id" in json);

export function readV1Envelope(json: unknown): Envelope {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    if (looksV2(json)) {
      throw refuse(`this is a FirstPromoter v2 webhook (event_id, event_type and data at the top level): send it to ${WEBHOOK_PATH.v2}`);
    }
    const issue = envelope.error.issues[0];
    throw refuse(issue?.message ?? "invalid envelope", issue?.path.join(".") || "body");
  }
  const { event } = envelope.data;
  return { externalId: event.id, type: event.type, occurredAt: new Date(event.created_at).toISOString() };
}

export function readV2Envelope(json: unknown, eventIdHeader: string | null): Envelope {
  const envelope = v2EnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    if (looksV1(json)) throw refuse(`this is a FirstPromoter v1 webhook ({event: {id, type, created_at}, data}): send it to ${WEBHOOK_PATH.v1}`);
    const issue = envelope.error.issues[0];
    throw refuse(issue?.message ?? "invalid envelope", issue?.path.join(".") || "body");
  }
  const e = envelope.data;
  if (eventIdHeader !== null && eventIdHeader !== e.event_id) {
    throw refuse(`the X-Event-Id header (${eventIdHeader.slice(0, 64)}) differs from the body's event_id (${e.event_id})`, "X-Event-Id");
  }
  const handlerKey = v2HandlerKey(e.event_type, e.entity_type);
  const entityId = e.entity_id === null || e.entity_id === undefined ? undefined : String(e.entity_id);
  return {
    externalId: e.event_id,
    type: e.event_type,
    occurredAt: new Date(e.timestamp).toISOString(),
    action: e.action,
    handlerKey,
    entityType: normaliseEntityType(e.entity_type),
    idFallback: handlerKey === "payout.commissions" ? undefined : entityId,
    // A real entity always has its id; "Send test" posts {test: true} alone.
    test: e.data.test === true && e.data.id === undefined,
  };
}

/**
 * The data to project: v2 names an entity's id in data.id, and entity_id stands in when data leaves it
 * out (not for a payout–commission link, whose entity_id is its payout's).
 */
export function dataOf(envelope: Envelope, payload: { data?: unknown }): unknown {
  const data = payload.data;
  return envelope.idFallback && isObject(data) && data.id === undefined ? { ...data, id: envelope.idFallback } : data;
}
