import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { FIRST_STEP, type CommandKind } from "./types.ts";

type Tx = Prisma.TransactionClient;

export type EnqueueInput = {
  fulfilmentId: bigint;
  kind: CommandKind;
  /** An API key is configured: the command is scheduled; otherwise it waits as not_connected. */
  connected: boolean;
  decidedBy: string;
  /** Until when it can be undone; the first send waits for it. Null: due at once. */
  undoUntil: Date | null;
  reviewBefore?: Prisma.InputJsonValue;
};

export type Enqueued = { id: bigint; queued: boolean };

/**
 * Writes a decision's command, in the caller's transaction (with the review change and its audit
 * rows), by the outbox's rule of one open command per fulfilment plus at most one queued behind it:
 * - an open command nothing was attempted for yet (scheduled, not connected) is cancelled outright:
 *   the newer decision replaces it;
 * - an open command already under way keeps going, and the new one queues behind it, replacing a
 *   command already queued there;
 * - otherwise the new command is the open one (the fulfilment's current command).
 * The partial unique indexes make two concurrent decisions fail rather than both pass.
 */
export async function enqueueCommand(tx: Tx, input: EnqueueInput): Promise<Enqueued> {
  const existing = await tx.$queryRaw<{ id: bigint; state: string; attempts: number }[]>`
    SELECT id, state::text AS state, attempts FROM fp_command
    WHERE fulfilment_id = ${input.fulfilmentId} AND state IN ('queued', 'not_connected', 'scheduled', 'in_flight', 'waiting')
    FOR UPDATE`;
  let open = existing.find((c) => c.state !== "queued");
  const queued = existing.find((c) => c.state === "queued");
  if (open && open.attempts === 0 && (open.state === "scheduled" || open.state === "not_connected")) {
    await tx.$executeRaw`UPDATE fp_command SET state = 'cancelled', result = 'replaced', finished_at = now(), due_at = NULL WHERE id = ${open.id}`;
    open = undefined;
  }
  if (queued) await tx.$executeRaw`UPDATE fp_command SET state = 'cancelled', result = 'replaced', finished_at = now() WHERE id = ${queued.id}`;
  const state = open ? "queued" : input.connected ? "scheduled" : "not_connected";
  const dueAt = state === "scheduled" ? (input.undoUntil ?? new Date()) : null;
  const [row] = await tx.$queryRaw<{ id: bigint }[]>`
    INSERT INTO fp_command (fulfilment_id, kind, state, step, decided_by, review_before, undo_until, due_at)
    VALUES (${input.fulfilmentId}, ${input.kind}::command_kind, ${state}::command_state, ${FIRST_STEP[input.kind]}, ${input.decidedBy},
            ${input.reviewBefore === undefined ? null : JSON.stringify(input.reviewBefore)}::jsonb, ${input.undoUntil}, ${dueAt})
    RETURNING id`;
  if (!row) throw new Error("enqueueCommand: insert returned no row");
  if (!open) await tx.$executeRaw`UPDATE fulfilment SET command_id = ${row.id} WHERE id = ${input.fulfilmentId}`;
  return { id: row.id, queued: Boolean(open) };
}
