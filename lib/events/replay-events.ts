import type pg from "pg";
import type { LedgerPool } from "@/lib/db/pool.ts";
import { type IngestResult, ingestEvent } from "./ingest-event.ts";
import { dataOf, readV2Envelope } from "./read-envelope.ts";

export type ReplaySummary = { replayed: number; processed: number; ignored: number; failed: { externalId: string; message: string }[] };

/**
 * Re-projects stored events through the same handlers and statements as live deliveries, in the
 * order they occurred (replay is order-independent anyway). Use it after a schema fix to project
 * events stored as failed, or to rebuild projections. Writes no event or delivery rows.
 */
export async function replayEvents(
  pool: LedgerPool,
  opts: { status?: "failed" | "processed" | "all"; batchSize?: number; onProgress?(n: number): void } = {},
): Promise<ReplaySummary> {
  const summary: ReplaySummary = { replayed: 0, processed: 0, ignored: 0, failed: [] };
  const batchSize = opts.batchSize ?? 500;
  const statusFilter = opts.status && opts.status !== "all" ? opts.status : null;
  let after = null as { at: Date; id: string } | null;
  for (;;) {
    // Keyset pagination over (occurred_at, id): constant cost per page whatever the table size.
    const { rows }: pg.QueryResult<{ id: string; source: string; external_id: string; type: string; occurred_at: Date; received_at: Date; payload: { data?: unknown } }> =
      await pool.query(
        `SELECT id, source, external_id, type, occurred_at, received_at, payload FROM webhook_event
         WHERE ($1::event_status IS NULL OR status = $1::event_status)
           AND ($2::timestamptz IS NULL OR (occurred_at, id) > ($2::timestamptz, $3::bigint))
         ORDER BY occurred_at, id LIMIT $4`,
        [statusFilter, after?.at ?? null, after?.id ?? null, batchSize],
      );
    for (const e of rows) {
      const result: IngestResult = await ingestEvent(pool, replayInput(e), "replay");
      summary.replayed++;
      if (result.kind === "failed") summary.failed.push({ externalId: e.external_id, message: result.message });
      else summary[result.kind]++;
    }
    opts.onProgress?.(summary.replayed);
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return summary;
    after = { at: last.occurred_at, id: last.id };
  }
}

type StoredEvent = { source: string; external_id: string; type: string; occurred_at: Date; received_at: Date; payload: { data?: unknown } | null };

/** A stored event as the ingest input it came from: v2 ones read their envelope again (action, entity, handler). */
function replayInput(e: StoredEvent) {
  const base = { source: e.source, externalId: e.external_id, type: e.type, occurredAt: e.occurred_at.toISOString(), payload: e.payload, receivedAt: e.received_at, bodyBytes: null };
  if (e.source !== "firstpromoter_v2") return { ...base, data: e.payload?.data };
  try {
    const envelope = readV2Envelope(e.payload, null);
    return { ...base, format: "v2" as const, action: envelope.action, handlerKey: envelope.handlerKey, entityType: envelope.entityType, data: dataOf(envelope, e.payload ?? {}) };
  } catch (err) {
    // Stored before a schema change refused its envelope: fails again, with the reason (never thrown).
    const message = err instanceof Error ? err.message : String(err);
    return { ...base, format: "v2" as const, data: e.payload?.data, failure: { field: "body", message } };
  }
}
