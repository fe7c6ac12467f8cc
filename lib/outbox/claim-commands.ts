import { recordAudits } from "@/lib/audit/record-audit.ts";
import { refreshSyncState } from "@/lib/fulfilments/refresh-sync-state.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { MAX_IDS_PER_ACTION, MAX_IDS_PER_READ } from "@/lib/firstpromoter-api/schemas.ts";
import { WORKER_ACTOR } from "./worker-actor.ts";
import type { Command, CommandKind, CommandState, Step } from "./types.ts";

/** What one call to FirstPromoter does for a claimed group. */
export type Claim =
  | { call: "action"; step: Exclude<Step, "read_back">; commands: Command[] }
  | { call: "poll"; batchId: bigint; commands: Command[] }
  | { call: "read_back"; commands: Command[] };

type Raw = {
  id: bigint;
  fulfilment_id: bigint;
  kind: CommandKind;
  state: CommandState;
  step: Step;
  solo: boolean;
  payout_requested: boolean;
  read_back_for: Step | null;
  batch_id: bigint | null;
  attempts: number;
  tried_ms: bigint;
  clock_since: Date | null;
  last_error: string | null;
  group_key: string;
};

/**
 * Which commands go into one call: those polling the same batch process, read-backs (up to 100 ids
 * per GET), a command that must be sent alone, or commands waiting for the same action (up to 5 ids,
 * FirstPromoter's synchronous maximum).
 */
const groupKey = (t: string) =>
  `CASE WHEN ${t}.batch_id IS NOT NULL THEN 'poll:' || ${t}.batch_id WHEN ${t}.step = 'read_back' THEN 'read_back' WHEN ${t}.solo THEN 'solo:' || ${t}.id ELSE ${t}.step END`;
/** Due and not leased ($1 = now). */
const claimable = (t: string) => `${t}.state IN ('scheduled', 'in_flight', 'waiting') AND ${t}.due_at <= $1 AND (${t}.lease_until IS NULL OR ${t}.lease_until <= $1)`;

/**
 * Claims the next group of due commands for `owner`, by lease: in one short transaction it locks
 * them (FOR UPDATE SKIP LOCKED, so concurrent workers take different ones), marks them in flight
 * until `now + leaseMs`, counts the attempt (a send, not a poll or read-back), starts their clocks,
 * ends their undo window, and audits the send; then commits, before any HTTP call. A lease that
 * expires (a worker that crashed mid-call) makes them claimable again: they are sent again, and the
 * read-back makes that harmless. Null when nothing is due.
 */
export async function claimCommands(prisma: PrismaClient, owner: string, now: Date, leaseMs: number): Promise<Claim | null> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await prisma.$transaction(async (tx) => {
    const [first] = await tx.$queryRawUnsafe<{ k: string }[]>(
      `SELECT ${groupKey("d")} AS k FROM fp_command d WHERE ${claimable("d")} ORDER BY d.due_at, d.id LIMIT 1`,
      now,
    );
    if (!first) return [];
    const limit = first.k === "read_back" ? MAX_IDS_PER_READ : first.k.startsWith("poll:") ? 1000 : MAX_IDS_PER_ACTION;
    const claimed = await tx.$queryRawUnsafe<Raw[]>(
      `WITH pick AS (
         SELECT c.id FROM fp_command c
         WHERE ${claimable("c")} AND ${groupKey("c")} = $4
         ORDER BY c.due_at, c.id
         LIMIT ${limit}
         FOR UPDATE OF c SKIP LOCKED
       )
       UPDATE fp_command c SET state = 'in_flight', lease_until = $2, lease_owner = $3,
         attempts = c.attempts + CASE WHEN c.batch_id IS NULL AND c.step <> 'read_back' THEN 1 ELSE 0 END,
         clock_since = COALESCE(c.clock_since, $1), last_sent_at = CASE WHEN c.batch_id IS NULL AND c.step <> 'read_back' THEN $1 ELSE c.last_sent_at END
       FROM pick WHERE c.id = pick.id
       RETURNING c.id, c.fulfilment_id, c.kind::text AS kind, c.state::text AS state, c.step, c.solo, c.payout_requested, c.read_back_for,
                 c.batch_id, c.attempts, c.tried_ms, c.clock_since, c.last_error, ${groupKey("c")} AS group_key`,
      now,
      leaseUntil,
      owner,
      first.k,
    );
    if (claimed.length === 0) return claimed;
    const fulfilments = claimed.map((c) => c.fulfilment_id);
    // An attempt has started: nothing can be undone any more, and a delivery is answered 200 now.
    await tx.$executeRaw`UPDATE fulfilment SET undo_until = NULL WHERE id = ANY(${fulfilments}::bigint[]) AND undo_until IS NOT NULL`;
    await tx.$executeRaw`UPDATE fp_command SET undo_until = NULL WHERE id = ANY(${claimed.map((c) => c.id)}::bigint[]) AND undo_until IS NOT NULL`;
    const sends = claimed.filter((c) => c.batch_id === null && c.step !== "read_back");
    if (sends.length > 0) {
      await recordAudits(
        tx,
        sends.map((c) => ({
          actor: WORKER_ACTOR,
          action: "firstpromoter.send",
          targetType: "fulfilment",
          targetId: c.fulfilment_id.toString(),
          after: { command_id: c.id.toString(), kind: c.kind, step: c.step, attempt: c.attempts },
        })),
      );
    }
    await refreshSyncState(tx, fulfilments);
    return claimed;
  });
  const first = rows[0];
  if (!first) return null;
  const commands: Command[] = rows.map((r) => ({
    id: r.id,
    fulfilmentId: r.fulfilment_id,
    kind: r.kind,
    state: r.state,
    step: r.step,
    solo: r.solo,
    payoutRequested: r.payout_requested,
    readBackFor: r.read_back_for,
    batchId: r.batch_id,
    attempts: r.attempts,
    triedMs: r.tried_ms,
    clockSince: r.clock_since,
    lastError: r.last_error,
  }));
  // The group key is 'poll:<batch id>' exactly when the batch id is set (groupKey).
  if (first.batch_id !== null) return { call: "poll", batchId: first.batch_id, commands };
  if (first.group_key === "read_back") return { call: "read_back", commands };
  return { call: "action", step: first.step as Exclude<Step, "read_back">, commands };
}

/** Whether any command is due (cheap: the partial index on due commands). */
export async function hasDueCommands(prisma: PrismaClient, now: Date): Promise<boolean> {
  const rows = await prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM fp_command d WHERE ${claimable("d")} LIMIT 1`, now);
  return rows.length > 0;
}
