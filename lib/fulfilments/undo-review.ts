import "server-only";
import { z } from "zod";
import { type AuditActor, recordAudits } from "@/lib/audit/record-audit.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { FP_ID } from "@/lib/records/fp-id.ts";
import { refreshSyncState } from "./refresh-sync-state.ts";
import { MAX_BULK_REVIEW } from "./review-limits.ts";

const idsSchema = z.array(z.string().regex(FP_ID).transform((v) => BigInt(v))).min(1).max(MAX_BULK_REVIEW);

type Undone = { id: bigint; fulfilment_id: bigint; kind: string; review_before: { status?: string; at?: string | null; by?: string | null; reason?: string | null } | null };

/**
 * Takes decisions back while nothing can have reached FirstPromoter: each fulfilment's current
 * command is scheduled or not connected, was never attempted, is inside its undo window
 * (FIRSTPROMOTER_SEND_DELAY_S after the decision) and no delivery of it was answered 200 since. The
 * command is cancelled and an approval or rejection restores the review as it was (held stays held,
 * with its reason). All or nothing, audited.
 *
 * Locks the commands first and the fulfilments second, the order the worker's claim takes them in,
 * so the two never deadlock: whichever commits first wins, and the other sees it. The fulfilment
 * lock also waits for a webhook delivery in progress, so a 200 answered meanwhile is seen.
 */
export async function undoReview(prisma: PrismaClient, rawIds: string[], actor: NonNullable<AuditActor>, ip?: string | null): Promise<bigint[]> {
  const ids = [...new Set(idsSchema.parse(rawIds))];
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT c.id FROM fp_command c JOIN fulfilment f ON f.command_id = c.id WHERE f.id = ANY(${ids}::bigint[]) FOR UPDATE OF c`;
    await tx.$queryRaw`SELECT id FROM fulfilment WHERE id = ANY(${ids}::bigint[]) FOR UPDATE`;
    const undone = await tx.$queryRaw<Undone[]>`
      UPDATE fp_command c SET state = 'cancelled', result = 'undone', finished_at = now(), due_at = NULL
      FROM fulfilment f
      WHERE f.id = ANY(${ids}::bigint[]) AND c.id = f.command_id
        AND c.state IN ('scheduled', 'not_connected') AND c.attempts = 0 AND c.undo_until > now()
        AND (f.answered_200_at IS NULL OR f.answered_200_at < c.decided_at)
      RETURNING c.id, c.fulfilment_id, c.kind::text AS kind, c.review_before`;
    if (undone.length !== ids.length) {
      const done = new Set(undone.map((u) => u.fulfilment_id));
      const blocked = ids.filter((id) => !done.has(id));
      throw new AppError(
        ErrorCode.CONFLICT,
        `Nothing was undone: ${blocked.join(", ")} can no longer be undone (already sent to FirstPromoter, answered 200, or past the undo window)`,
      );
    }
    const reviews = undone.filter((u) => u.kind !== "mark_unfulfilled" && u.review_before?.status);
    if (reviews.length > 0) {
      const restore = reviews.map((u) => ({ id: u.fulfilment_id.toString(), ...u.review_before }));
      await tx.$executeRaw`
        UPDATE fulfilment f SET review_status = v.status::review_status, reviewed_at = v.at, reviewed_by = v.by, review_reason = v.reason,
          undo_until = NULL, updated_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(restore)}::jsonb) AS v(id bigint, status text, at timestamptz, by text, reason text)
        WHERE f.id = v.id`;
    }
    await recordAudits(
      tx,
      undone.map((u) => ({
        actor,
        action: "fulfilment.undo",
        targetType: "fulfilment",
        targetId: u.fulfilment_id.toString(),
        before: { command: u.kind, command_id: u.id.toString() },
        after: u.kind === "mark_unfulfilled" ? { unfulfil: "cancelled" } : { review_status: u.review_before?.status ?? null },
        ip,
      })),
    );
    await refreshSyncState(tx, ids);
    return undone.map((u) => u.fulfilment_id);
  });
}
