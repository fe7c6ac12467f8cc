import "server-only";
import { z } from "zod";
import { type AuditActor, recordAudits } from "@/lib/audit/record-audit.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import { type ApiConfig, apiConfigFromEnv, isConnected } from "@/lib/firstpromoter-api/config.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { FIRST_STEP, type CommandKind } from "@/lib/outbox/types.ts";
import { FP_ID } from "@/lib/records/fp-id.ts";
import { refreshSyncState } from "./refresh-sync-state.ts";
import { MAX_BULK_REVIEW, MAX_REVIEW_REASON } from "./review-limits.ts";

export { MAX_BULK_REVIEW };

export type ReviewDecision = "approved" | "held" | "rejected";

export const reviewInputSchema = z.object({
  ids: z
    .array(z.union([z.string().regex(FP_ID), z.number().int().positive()]).transform((v) => BigInt(v)))
    .min(1, "select at least one fulfilment")
    .max(MAX_BULK_REVIEW, `at most ${MAX_BULK_REVIEW} fulfilments at once`),
  reason: z.string().trim().max(MAX_REVIEW_REASON).optional(),
});

/** The command each decision writes: approving asks FirstPromoter to fulfil, rejecting to deny; holding writes none. */
const COMMAND_FOR: Record<ReviewDecision, CommandKind | null> = { approved: "mark_fulfilled", rejected: "deny", held: null };

type Reviewed = {
  id: bigint;
  before: string;
  before_at: Date | null;
  before_by: string | null;
  before_reason: string | null;
  amount: string | null;
  unit: string | null;
  undo_until: Date | null;
};

export type ReviewResult = { ids: bigint[]; undoUntil: Date | null; connected: boolean };

/**
 * Moves fulfilments from pending or held to a decision, all or nothing. The guarded UPDATE
 * (`WHERE review_status IN ('pending','held')`) is the concurrency control: a double click or two
 * admins at once change each row once, and whoever comes second is told which ids blocked it. An
 * approval is refused for a commission FirstPromoter denied. In the same transaction: one audit row
 * per fulfilment and, for an approval or a rejection, its outbox command (mark_fulfilled / deny),
 * due when the undo window (FIRSTPROMOTER_SEND_DELAY_S) ends — or waiting as "not connected" when no
 * API key is configured. Deliveries of an approved fulfilment are answered 202 until that window ends.
 */
export async function reviewFulfilments(
  prisma: PrismaClient,
  input: { ids: (string | number | bigint)[]; decision: ReviewDecision; reason?: string },
  actor: NonNullable<AuditActor>,
  ip?: string | null,
  config: ApiConfig = apiConfigFromEnv(),
): Promise<ReviewResult> {
  const { ids, reason } = reviewInputSchema.parse({ ids: input.ids.map(String), reason: input.reason });
  if (input.decision !== "approved" && !reason) {
    throw new AppError(ErrorCode.VALIDATION, `A reason is required to mark fulfilments ${input.decision}`, { field: "reason" });
  }
  const unique = [...new Set(ids)];
  const kind = COMMAND_FOR[input.decision];
  const connected = isConnected(config);
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Reviewed[]>`
      UPDATE fulfilment f
      SET review_status = ${input.decision}::review_status, reviewed_at = now(), reviewed_by = ${actor.email},
          review_reason = ${reason ?? null}, updated_at = now(),
          undo_until = CASE WHEN ${kind !== null} THEN now() + ${config.sendDelayMs} * interval '1 millisecond' END
      FROM (SELECT id, review_status, reviewed_at, reviewed_by, review_reason, fp_outcome FROM fulfilment WHERE id = ANY(${unique}::bigint[]) FOR UPDATE) old
      WHERE f.id = old.id AND old.review_status IN ('pending', 'held')
        AND (${input.decision} <> 'approved' OR old.fp_outcome IS DISTINCT FROM 'denied')
      RETURNING f.id, old.review_status::text AS before, old.reviewed_at AS before_at, old.reviewed_by AS before_by,
                old.review_reason AS before_reason, f.amount::text AS amount, f.unit, f.undo_until`;
    if (rows.length !== unique.length) {
      const done = new Set(rows.map((r) => r.id));
      const blocked = unique.filter((id) => !done.has(id));
      const states = await tx.fulfilment.findMany({ where: { id: { in: blocked } }, select: { id: true, reviewStatus: true, fpOutcome: true } });
      const byId = new Map(states.map((s) => [s.id, s]));
      const why = blocked
        .map((id) => {
          const s = byId.get(id);
          if (!s) return `${id} (not found)`;
          return `${id} (${s.reviewStatus === "pending" || s.reviewStatus === "held" ? "denied in FirstPromoter" : `already ${s.reviewStatus}`})`;
        })
        .join(", ");
      // Throwing rolls the whole batch back: all or nothing.
      throw new AppError(ErrorCode.CONFLICT, `Nothing was changed: ${blocked.length} of ${unique.length} cannot be ${input.decision}: ${why}`);
    }
    const undoUntil = rows[0]?.undo_until ?? null;
    if (kind) {
      const commands = rows.map((r) => ({
        fulfilment_id: r.id.toString(),
        review_before: { status: r.before, at: r.before_at, by: r.before_by, reason: r.before_reason },
        undo_until: r.undo_until,
      }));
      // Pending and held fulfilments have no open command (hold writes none; undo and an unfulfil end
      // theirs), so each gets a fresh one; the unique index on open commands would refuse a second.
      await tx.$executeRaw`
        WITH ins AS (
          INSERT INTO fp_command (fulfilment_id, kind, state, step, decided_by, review_before, undo_until, due_at)
          SELECT v.fulfilment_id, ${kind}::command_kind, ${connected ? "scheduled" : "not_connected"}::command_state, ${FIRST_STEP[kind]},
                 ${actor.email}, v.review_before, v.undo_until, CASE WHEN ${connected} THEN v.undo_until END
          FROM jsonb_to_recordset(${JSON.stringify(commands)}::jsonb) AS v(fulfilment_id bigint, review_before jsonb, undo_until timestamptz)
          RETURNING id, fulfilment_id)
        UPDATE fulfilment f SET command_id = ins.id FROM ins WHERE f.id = ins.fulfilment_id`;
    }
    const action = `fulfilment.${{ approved: "approve", held: "hold", rejected: "reject" }[input.decision]}`;
    await recordAudits(
      tx,
      rows.map((r) => ({
        actor,
        action,
        targetType: "fulfilment",
        targetId: String(r.id),
        before: { review_status: r.before },
        after: {
          review_status: input.decision,
          ...(reason ? { reason } : {}),
          amount: r.amount,
          unit: r.unit,
          ...(kind ? { firstpromoter: connected ? `${kind} scheduled` : `${kind} waits: API not connected` } : {}),
        },
        ip,
      })),
    );
    await refreshSyncState(tx, unique);
    return { ids: rows.map((r) => r.id), undoUntil: kind && config.sendDelayMs > 0 ? undoUntil : null, connected };
  });
}
