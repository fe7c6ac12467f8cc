import type pg from "pg";
import { isKnownEventType } from "@/lib/firstpromoter/schemas.ts";
import { dispatchEvent, parseEventData } from "./dispatch-event.ts";
import type { Ingest, IngestRow } from "./ingest.ts";
import { runStatement, type StatementParams } from "./run-statement.ts";
import { type Mode, buildIngestStatement } from "./sql/build-ingest-statement.ts";

export type EventInput = {
  source: string;
  externalId: string;
  type: string;
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

export type IngestResult =
  | { kind: "processed" | "ignored"; row: IngestRow }
  | { kind: "failed"; row: IngestRow | null; field: string; message: string };

const FAILED = buildIngestStatement({ status: "failed" });
const IGNORED = buildIngestStatement({ status: "ignored" });

/**
 * Stores and projects one event in one statement: validated and dispatched to its type's handler,
 * stored as failed (with the error) when its data fails the schema, stored as ignored when the type
 * is unknown. `replay` re-projects an already stored event (no event or delivery row is written).
 */
export async function ingestEvent(pool: pg.Pool, input: EventInput, mode: Mode = "live"): Promise<IngestResult> {
  const params: StatementParams = {
    source: input.source,
    external_id: input.externalId,
    type: input.type,
    occurred_at: input.occurredAt,
    received_at: input.receivedAt.toISOString(),
    // v1 ids are integers: the tie-break between two snapshots with the same created_at.
    seq: input.externalId,
    vkey: `[${Date.parse(input.occurredAt)},${input.externalId}]`,
    payload: input.payloadJson ?? JSON.stringify(input.payload),
    body_bytes: input.bodyBytes,
  };
  if (input.failure) {
    const { field, message } = input.failure;
    const row = mode === "live" ? await runStatement<IngestRow>(pool, FAILED, { ...params, error: message, raw_body: input.rawBody ?? null }) : null;
    return { kind: "failed", row, field, message };
  }
  if (!isKnownEventType(input.type)) {
    if (mode === "replay") return { kind: "ignored", row: { event_id: null, review_status: null } };
    return { kind: "ignored", row: await runStatement<IngestRow>(pool, IGNORED, params) };
  }
  const parsed = parseEventData(input.type, input.data);
  if (!parsed.ok) {
    const row = mode === "live" ? await runStatement<IngestRow>(pool, FAILED, { ...params, error: parsed.message, raw_body: input.rawBody ?? null }) : null;
    return { kind: "failed", row, field: parsed.field, message: parsed.message };
  }
  const ingest: Ingest = (statements, projection) => {
    const json = projection.toJSON();
    return runStatement<IngestRow>(pool, statements.for(mode, json), { ...params, projection: JSON.stringify(json) });
  };
  return { kind: "processed", row: await dispatchEvent(parsed.event, ingest) };
}
