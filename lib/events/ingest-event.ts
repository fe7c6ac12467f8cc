import type { LedgerPool } from "@/lib/db/pool.ts";
import { type Mode, buildIngestStatement, statementFor } from "@/lib/projections/sql/build-ingest-statement.ts";
import { type Action, type EventFormat, versionKey } from "@/lib/projections/version-key.ts";
import type { EventHandler } from "./event-handler.ts";
import { EVENT_HANDLERS } from "./event-types.ts";
import { V2_HANDLERS } from "./v2-event-types.ts";
import { runStatement, type StatementParams } from "./run-statement.ts";

export type EventInput = {
  /** v1 (default) or v2: how its version key is made. */
  format?: EventFormat;
  /** v2's action (created, updated, deleted). */
  action?: Action;
  source: string;
  externalId: string;
  /** The event type as sent (v1 event.type, v2 event_type), stored. */
  type: string;
  /** The handler it goes to, when not its type: v2 routes by entity kind (lib/events/v2-event-types.ts). */
  handlerKey?: string;
  /** v2: the entity kind, stored to filter by. */
  entityType?: string | null;
  /** event.created_at, ISO */
  occurredAt: string;
  /** The whole body, credentials already removed. */
  payload: unknown;
  /** `payload` as JSON text, when the caller has it already. */
  payloadJson?: string;
  /** payload.data */
  data: unknown;
  receivedAt: Date;
  bodyBytes: number | null;
  /** The body as received (credentials removed), kept on the delivery row when the event fails (422). */
  rawBody?: Buffer | null;
  /** Stored as failed whatever its type, with this error (e.g. a number Postgres cannot hold). */
  failure?: { field: string; message: string };
};

/** What an ingest statement returns. */
export type IngestRow = {
  /** Ledger's event row id; null for a duplicate. */
  event_id: string | null;
  /** The HTTP status decided in SQL (live mode only): 200, or 202 for a fulfilment not yet approved for good. */
  status_code?: number;
  outcome?: "accepted" | "duplicate" | "ignored" | "rejected";
  review_status: "pending" | "approved" | "held" | "rejected" | null;
};

export type IngestResult =
  | { kind: "processed" | "ignored"; row: IngestRow }
  | { kind: "failed"; row: IngestRow | null; field: string; message: string };

const FAILED = buildIngestStatement({ status: "failed" });
const IGNORED = buildIngestStatement({ status: "ignored" });

/**
 * Stores and projects one event in one statement: validated and projected by its type's handler
 * (the statement derived from the tables its projection fills), stored as failed (with the error)
 * when its data fails the schema, stored as ignored when the type is unknown. `replay` re-projects an
 * already stored event (no event or delivery row is written). `handlers` is the registry of event
 * types (lib/events/event-types.ts for v1, v2-event-types.ts for v2); tests pass their own to add a type.
 */
export async function ingestEvent(
  pool: LedgerPool,
  input: EventInput,
  mode: Mode = "live",
  handlers: Readonly<Record<string, EventHandler>> = input.format === "v2" ? V2_HANDLERS : EVENT_HANDLERS,
): Promise<IngestResult> {
  const params: StatementParams = {
    source: input.source,
    format: input.format ?? "v1",
    entity_type: input.entityType ?? null,
    external_id: input.externalId,
    type: input.type,
    occurred_at: input.occurredAt,
    received_at: input.receivedAt.toISOString(),
    // v1 ids are integers, kept on each row as the id of the newest snapshot it reflects (v2's are UUIDs: null).
    seq: input.format === "v2" ? null : input.externalId,
    vkey: versionKey({ format: input.format ?? "v1", occurredAt: input.occurredAt, externalId: input.externalId, action: input.action }),
    payload: input.payloadJson ?? JSON.stringify(input.payload),
    body_bytes: input.bodyBytes,
  };
  const failed = async (field: string, message: string): Promise<IngestResult> => {
    const row = mode === "live" ? await runStatement<IngestRow>(pool, FAILED, { ...params, error: message, raw_body: input.rawBody ?? null }) : null;
    return { kind: "failed", row, field, message };
  };
  if (input.failure) return failed(input.failure.field, input.failure.message);
  const key = input.handlerKey ?? input.type;
  const handler = Object.hasOwn(handlers, key) ? handlers[key] : undefined;
  if (!handler) {
    if (mode === "replay") return { kind: "ignored", row: { event_id: null, review_status: null } };
    return { kind: "ignored", row: await runStatement<IngestRow>(pool, IGNORED, params) };
  }
  const projected = handler.project(input.data, { type: input.type, externalId: input.externalId, occurredAt: input.occurredAt, action: input.action });
  if (!projected.ok) return failed(projected.field, projected.message);
  const json = projected.projection.toJSON();
  const statement = statementFor(projected.projection.tables(), mode, input.format ?? "v1");
  return { kind: "processed", row: await runStatement<IngestRow>(pool, statement, { ...params, projection: JSON.stringify(json) }) };
}
