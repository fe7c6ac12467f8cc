import "server-only";
import { z } from "zod";
import { type AuditActor, recordAudits } from "@/lib/audit/record-audit.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { MAX_BULK_REVIEW, MAX_REVIEW_REASON } from "./review-limits.ts";

export { MAX_BULK_REVIEW };

export type ReviewDecision = "approved" | "held" | "rejected";

export const reviewInputSchema = z.object({
  ids: z
    .array(z.union([z.string().regex(/^\d{1,18}$/), z.number().int().positive()]).transform((v) => BigInt(v)))
    .min(1, "select at least one fulfilment")
    .max(MAX_BULK_REVIEW, `at most ${MAX_BULK_REVIEW} fulfilments at once`),
  reason: z.string().trim().max(MAX_REVIEW_REASON).optional(),
});

type Reviewed = { id: bigint; before: string; amount: string | null; unit: string | null };

/**
 * Moves fulfilments from pending or held to a decision, all or nothing. The guarded UPDATE
 * (`WHERE review_status IN ('pending','held')`) is the concurrency control: a double click or two
 * admins at once change each row once, and whoever comes second is told which ids blocked it.
 * One audit row per fulfilment, in the same transaction. After approval the next delivery of the
 * fulfilment is answered 200, so FirstPromoter marks it fulfilled.
 */
export async function reviewFulfilments(
  prisma: PrismaClient,
  input: { ids: (string | number | bigint)[]; decision: ReviewDecision; reason?: string },
  actor: NonNullable<AuditActor>,
  ip?: string | null,
): Promise<Reviewed[]> {
  const { ids, reason } = reviewInputSchema.parse({ ids: input.ids.map(String), reason: input.reason });
  if (input.decision !== "approved" && !reason) {
    throw new AppError(ErrorCode.VALIDATION, `A reason is required to mark fulfilments ${input.decision}`, { field: "reason" });
  }
  const unique = [...new Set(ids)];
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Reviewed[]>`
      UPDATE fulfilment f
      SET review_status = ${input.decision}::review_status, reviewed_at = now(), reviewed_by = ${actor.email},
          review_reason = ${reason ?? null}, updated_at = now()
      FROM (SELECT id, review_status FROM fulfilment WHERE id = ANY(${unique}::bigint[]) FOR UPDATE) old
      WHERE f.id = old.id AND old.review_status IN ('pending', 'held')
      RETURNING f.id, old.review_status::text AS before, f.amount::text AS amount, f.unit`;
    if (rows.length !== unique.length) {
      const done = new Set(rows.map((r) => r.id));
      const blocked = unique.filter((id) => !done.has(id));
      const states = await tx.fulfilment.findMany({ where: { id: { in: blocked } }, select: { id: true, reviewStatus: true } });
      const byId = new Map(states.map((s) => [s.id, s.reviewStatus]));
      const why = blocked.map((id) => `${id} (${byId.get(id) ? `already ${byId.get(id)}` : "not found"})`).join(", ");
      // Throwing rolls the whole batch back: all or nothing.
      throw new AppError(ErrorCode.CONFLICT, `Nothing was changed: ${blocked.length} of ${unique.length} cannot be ${input.decision}: ${why}`);
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
        after: { review_status: input.decision, ...(reason ? { reason } : {}), amount: r.amount, unit: r.unit },
        ip,
      })),
    );
    return rows;
  });
}
