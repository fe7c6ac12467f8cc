import type pg from "pg";

export type RejectedDelivery = {
  statusCode: number;
  errorCode: string;
  reason: string;
  externalEventId?: string | null;
  eventType?: string | null;
  bodyBytes?: number | null;
  receivedAt: Date;
};

/**
 * The delivery row for a request refused before its event could be stored (401, 413, 415, 400, 503).
 * Best effort: if the database is down too, the refusal is still answered and logged.
 */
export async function recordRejectedDelivery(pool: pg.Pool, d: RejectedDelivery): Promise<void> {
  try {
    await pool.query(
      `INSERT INTO webhook_delivery (received_at, status_code, outcome, error_code, reason, external_event_id, event_type, body_bytes)
       VALUES ($1, $2, 'rejected', $3, $4, $5, $6, $7)`,
      [d.receivedAt, d.statusCode, d.errorCode, d.reason.slice(0, 1000), d.externalEventId ?? null, d.eventType?.slice(0, 100) ?? null, d.bodyBytes ?? null],
    );
  } catch (err) {
    console.error(`[webhook] could not record a rejected delivery (${d.statusCode} ${d.errorCode}):`, (err as Error).message);
  }
}
