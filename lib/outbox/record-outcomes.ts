import { type AuditEntry, recordAudits } from "@/lib/audit/record-audit.ts";
import { refreshSyncState } from "@/lib/fulfilments/refresh-sync-state.ts";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { triedMs } from "./backoff.ts";
import type { Transition } from "./transitions.ts";
import { type Command, TERMINAL_STATES, isOpen } from "./types.ts";
import { WORKER_ACTOR } from "./worker-actor.ts";

type Tx = Prisma.TransactionClient;

export type Outcome = { command: Command; transition: Transition };

/**
 * Records what one call to FirstPromoter came to, in a transaction of its own (after the call, never
 * around it): each command's new state as a guarded UPDATE (only while `owner` still holds its lease:
 * a worker whose lease ran out and was re-claimed elsewhere records nothing), FirstPromoter's outcome
 * on the fulfilment, an unfulfil sending the fulfilment back to review, the queued command promoted
 * when one ends, the sync states, and the audit rows. Returns the ids recorded.
 */
export async function recordOutcomes(
  prisma: PrismaClient,
  owner: string,
  outcomes: Outcome[],
  ctx: { now: Date; connected: boolean; extra?: (tx: Tx) => Promise<void> },
): Promise<bigint[]> {
  if (outcomes.length === 0) return [];
  const { now } = ctx;
  const rows = outcomes.map(({ command: c, transition: t }) => {
    const stop = t.clock === "stop";
    const open = isOpen(t.state);
    return {
      id: c.id.toString(),
      state: t.state,
      step: t.step ?? c.step,
      solo: t.solo ?? c.solo,
      payout_requested: t.payoutRequested ?? c.payoutRequested,
      read_back_for: t.readBackFor === undefined ? c.readBackFor : t.readBackFor,
      batch_id: t.batchId === undefined ? c.batchId?.toString() ?? null : t.batchId?.toString() ?? null,
      due_at: open ? new Date(now.getTime() + (t.dueInMs ?? 0)).toISOString() : null,
      last_error: t.lastError === undefined ? c.lastError : t.lastError,
      error_changed: t.lastError !== undefined && t.lastError !== null,
      tried_ms: String(stop ? triedMs(c, now) : Number(c.triedMs)),
      clock_since: stop ? null : (c.clockSince ?? now).toISOString(),
      terminal: (TERMINAL_STATES as readonly string[]).includes(t.state),
      result: t.result ?? null,
    };
  });
  return prisma.$transaction(async (tx) => {
    const recorded = await tx.$queryRaw<{ id: bigint; fulfilment_id: bigint }[]>`
      UPDATE fp_command c SET
        state = v.state::command_state, step = v.step, solo = v.solo, payout_requested = v.payout_requested,
        read_back_for = v.read_back_for, batch_id = v.batch_id, due_at = v.due_at, lease_until = NULL, lease_owner = NULL,
        last_error = v.last_error, last_error_at = CASE WHEN v.error_changed THEN ${now}::timestamptz ELSE c.last_error_at END,
        tried_ms = v.tried_ms, clock_since = v.clock_since,
        finished_at = CASE WHEN v.terminal THEN ${now}::timestamptz ELSE NULL END, result = COALESCE(v.result, c.result)
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(
        id bigint, state text, step text, solo boolean, payout_requested boolean, read_back_for text, batch_id bigint,
        due_at timestamptz, last_error text, error_changed boolean, tried_ms bigint, clock_since timestamptz, terminal boolean, result text)
      WHERE c.id = v.id AND c.lease_owner = ${owner} AND c.state = 'in_flight'
      RETURNING c.id, c.fulfilment_id`;
    const done = new Set(recorded.map((r) => r.id));
    const mine = outcomes.filter((o) => done.has(o.command.id));
    if (mine.length === 0) return [];

    // FirstPromoter's outcome, as last seen; a change of it is timed.
    const seen = mine.filter((o) => o.transition.fpOutcome !== undefined).map((o) => ({ id: o.command.fulfilmentId.toString(), outcome: o.transition.fpOutcome }));
    if (seen.length > 0) {
      await tx.$executeRaw`
        UPDATE fulfilment f SET fp_outcome_at = CASE WHEN f.fp_outcome IS DISTINCT FROM v.outcome THEN ${now}::timestamptz ELSE f.fp_outcome_at END,
          fp_outcome = v.outcome
        FROM jsonb_to_recordset(${JSON.stringify(seen)}::jsonb) AS v(id bigint, outcome text) WHERE f.id = v.id`;
    }
    const reopen = mine.filter((o) => o.transition.reopenReview).map((o) => o.command.fulfilmentId);
    if (reopen.length > 0) {
      // FirstPromoter confirmed the unfulfil: the fulfilment awaits review again (its history stays in the audit log).
      await tx.$executeRaw`
        UPDATE fulfilment SET review_status = 'pending', reviewed_at = NULL, reviewed_by = NULL, review_reason = NULL, undo_until = NULL, updated_at = now()
        WHERE id = ANY(${reopen}::bigint[]) AND review_status = 'approved'`;
    }
    const ended = mine.filter((o) => !isOpen(o.transition.state)).map((o) => o.command.fulfilmentId);
    if (ended.length > 0) await promoteQueued(tx, ended, now, ctx.connected);
    await ctx.extra?.(tx);
    const audits: AuditEntry[] = mine.flatMap(({ command: c, transition: t }) =>
      t.audit
        ? [
            {
              actor: WORKER_ACTOR,
              action: t.audit.action,
              targetType: "fulfilment",
              targetId: c.fulfilmentId.toString(),
              after: { command_id: c.id.toString(), kind: c.kind, ...t.audit.detail, state: t.state },
            },
          ]
        : [],
    );
    if (audits.length > 0) await recordAudits(tx, audits);
    await refreshSyncState(tx, mine.map((o) => o.command.fulfilmentId));
    return mine.map((o) => o.command.id);
  });
}

/** The command queued behind one that just ended becomes the fulfilment's open (current) one, due now. */
export async function promoteQueued(tx: Tx, fulfilmentIds: bigint[], now: Date, connected: boolean): Promise<void> {
  const promoted = await tx.$queryRaw<{ id: bigint; fulfilment_id: bigint }[]>`
    UPDATE fp_command SET state = ${connected ? "scheduled" : "not_connected"}::command_state, due_at = ${connected ? now : null}::timestamptz
    WHERE fulfilment_id = ANY(${fulfilmentIds}::bigint[]) AND state = 'queued'
      AND NOT EXISTS (SELECT 1 FROM fp_command o WHERE o.fulfilment_id = fp_command.fulfilment_id AND o.state IN ('not_connected', 'scheduled', 'in_flight', 'waiting'))
    RETURNING id, fulfilment_id`;
  for (const p of promoted) await tx.$executeRaw`UPDATE fulfilment SET command_id = ${p.id} WHERE id = ${p.fulfilment_id}`;
}
