import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { refreshSyncState } from "@/lib/fulfilments/refresh-sync-state.ts";

// The shared connection row (fp_connection, id 1): last success and error, the pause after FirstPromoter
// refused the key, and the Retry-After of a 429. Every instance reads and writes the same row.

type Db = Prisma.TransactionClient | PrismaClient;

export type ConnectionRow = {
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  pausedAt: Date | null;
  pausedReason: string | null;
  pausedKey: string | null;
  lastProbeAt: Date | null;
  rateLimitedUntil: Date | null;
};

export async function getConnection(db: Db): Promise<ConnectionRow> {
  const row = await db.fpConnection.findUnique({ where: { id: 1 } });
  return (
    row ?? { lastSuccessAt: null, lastErrorAt: null, lastError: null, pausedAt: null, pausedReason: null, pausedKey: null, lastProbeAt: null, rateLimitedUntil: null }
  );
}

/** A call succeeded: remember when, and end a pause (the key works again). */
export async function recordSuccess(db: Db, now: Date): Promise<{ resumed: boolean }> {
  const rows = await db.$queryRaw<{ was_paused: boolean }[]>`
    UPDATE fp_connection c SET last_success_at = ${now}, paused_at = NULL, paused_reason = NULL, paused_key = NULL
    FROM (SELECT paused_at IS NOT NULL AS was_paused FROM fp_connection WHERE id = 1 FOR UPDATE) old
    WHERE c.id = 1 RETURNING old.was_paused`;
  const resumed = rows[0]?.was_paused ?? false;
  if (resumed) {
    // The fulfilments shown as paused go back to what their commands say.
    const paused = await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM fulfilment WHERE sync_state = 'paused'`;
    await refreshSyncState(db, paused.map((r) => r.id));
  }
  return { resumed };
}

export async function recordError(db: Db, message: string, now: Date): Promise<void> {
  await db.$executeRaw`UPDATE fp_connection SET last_error = ${message}, last_error_at = ${now} WHERE id = 1`;
}

/**
 * FirstPromoter refused the key (401/403): pause every send until a call succeeds. The clocks of the
 * commands that were trying stop (paused time does not count toward their give-up limit), and their
 * fulfilments show "paused".
 */
export async function pauseSends(db: Db, reason: string, keyFingerprint: string, now: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE fp_connection SET paused_at = COALESCE(paused_at, ${now}), paused_reason = ${reason}, paused_key = ${keyFingerprint},
      last_probe_at = ${now}, last_error = ${reason}, last_error_at = ${now}
    WHERE id = 1`;
  const open = await db.$queryRaw<{ fulfilment_id: bigint }[]>`
    UPDATE fp_command SET tried_ms = tried_ms + GREATEST(0, (EXTRACT(EPOCH FROM (${now}::timestamptz - clock_since)) * 1000)::bigint), clock_since = NULL
    WHERE state IN ('scheduled', 'in_flight', 'waiting')
    RETURNING fulfilment_id`;
  await refreshSyncState(db, open.map((r) => r.fulfilment_id));
}

export async function recordProbe(db: Db, now: Date): Promise<void> {
  await db.$executeRaw`UPDATE fp_connection SET last_probe_at = ${now} WHERE id = 1`;
}

/** A 429: nothing is sent before `until`. */
export async function rateLimitUntil(db: Db, until: Date): Promise<void> {
  await db.$executeRaw`UPDATE fp_connection SET rate_limited_until = GREATEST(COALESCE(rate_limited_until, ${until}), ${until}) WHERE id = 1`;
}
