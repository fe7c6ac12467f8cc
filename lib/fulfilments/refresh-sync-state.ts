import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { CommandKind, CommandState } from "@/lib/outbox/types.ts";
import { type ReviewStatus, deriveSyncState } from "./sync-state.ts";

type Db = Prisma.TransactionClient | PrismaClient;

type Facts = {
  id: bigint;
  reviewStatus: ReviewStatus;
  fpOutcome: string | null;
  answered200At: Date | null;
  kind: CommandKind | null;
  state: CommandState | null;
  lastError: string | null;
  settledAt: Date | null;
  paused: boolean;
  current: string;
};

/**
 * Recomputes the stored sync state of these fulfilments from their facts (review, current command,
 * FirstPromoter's outcome, the connection's pause) and writes the ones that changed. Every change to
 * those facts calls it in the same transaction, so the column never disagrees with them.
 */
export async function refreshSyncState(db: Db, ids: readonly bigint[]): Promise<void> {
  if (ids.length === 0) return;
  const facts = await db.$queryRaw<Facts[]>`
    SELECT f.id, f.review_status::text AS "reviewStatus", f.fp_outcome AS "fpOutcome", f.answered_200_at AS "answered200At",
           c.kind::text AS kind, c.state::text AS state, c.last_error AS "lastError", c.settled_at AS "settledAt",
           (SELECT paused_at IS NOT NULL FROM fp_connection WHERE id = 1) IS TRUE AS paused, f.sync_state::text AS current
    FROM fulfilment f LEFT JOIN fp_command c ON c.id = f.command_id
    WHERE f.id = ANY(${[...ids]}::bigint[])`;
  const changed: { id: string; state: string }[] = [];
  for (const f of facts) {
    const state = deriveSyncState({
      reviewStatus: f.reviewStatus,
      fpOutcome: f.fpOutcome,
      answered200At: f.answered200At,
      command: f.kind && f.state ? { kind: f.kind, state: f.state, lastError: f.lastError, settledAt: f.settledAt } : null,
      paused: f.paused,
    });
    if (state !== f.current) changed.push({ id: f.id.toString(), state });
  }
  if (changed.length === 0) return;
  await db.$executeRaw`
    UPDATE fulfilment f SET sync_state = v.state::sync_state
    FROM jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) AS v(id bigint, state text)
    WHERE f.id = v.id`;
}
