import type pg from "pg";

export type RejectedDelivery = {
  statusCode: number;
  errorCode: string | null;
  reason: string | null;
  /**
   * rejected; client_aborted (the sender dropped the connection: no answer reached it); test (v2's
   * "Send test", answered 200 and stored as nothing else).
   */
  outcome?: "rejected" | "client_aborted" | "test";
  /** Which webhook URL it came to. */
  format?: "v1" | "v2";
  externalEventId?: string | null;
  eventType?: string | null;
  bodyBytes?: number | null;
  /** The body as received (credentials already removed where it parsed), kept for a refused delivery. */
  rawBody?: Buffer | null;
  receivedAt: Date;
};

/**
 * Text a sender chose, made storable: Postgres refuses NUL in text (shown as the escape `\u0000`
 * instead, so it stays visible) and unpaired surrogates (replaced).
 */
export function storableText(s: string | null | undefined, max: number): string | null {
  if (s === null || s === undefined) return null;
  const wellFormed = s.isWellFormed() ? s : s.toWellFormed();
  return (wellFormed.includes("\u0000") ? wellFormed.replaceAll("\u0000", "\\u0000") : wellFormed).slice(0, max);
}

/**
 * The delivery row for a request refused before its event could be stored (401, 413, 415, 400, a
 * client abort), or for a v2 test delivery. Best effort for a refusal: if the database is down too,
 * the refusal is still answered and logged; `rethrow` makes a failure the caller's (a test delivery
 * answered 200 must have been logged).
 */
export async function recordRejectedDelivery(pool: pg.Pool, d: RejectedDelivery, opts: { rethrow?: boolean } = {}): Promise<void> {
  try {
    await pool.query(
      `INSERT INTO webhook_delivery (received_at, status_code, outcome, error_code, reason, external_event_id, event_type, body_bytes, raw_body, format)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        d.receivedAt,
        d.statusCode,
        d.outcome ?? "rejected",
        d.errorCode,
        storableText(d.reason, 1000),
        storableText(d.externalEventId, 40),
        storableText(d.eventType, 100),
        d.bodyBytes ?? null,
        d.rawBody ?? null,
        d.format ?? "v1",
      ],
    );
  } catch (err) {
    if (opts.rethrow) throw err;
    console.error(`[webhook] could not record a rejected delivery (${d.statusCode} ${d.errorCode}):`, (err as Error).message);
  }
}
