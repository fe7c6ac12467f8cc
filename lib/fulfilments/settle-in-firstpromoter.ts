import "server-only";
import { z } from "zod";
import { type AuditActor, recordAudit } from "@/lib/audit/record-audit.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";
import { refreshSyncState } from "./refresh-sync-state.ts";

export const settleNoteSchema = z.string().trim().min(1, "Say what you did in FirstPromoter").max(500);

/**
 * Records that an admin settled a failed command in FirstPromoter's own dashboard (Ledger's sends
 * failed, the admin fulfilled or denied it there): a settlement on the failed command, as a guarded
 * update (failed and not yet settled), with the admin's note in the audit log.
 */
export async function settleInFirstPromoter(prisma: PrismaClient, rawId: string, note: string, actor: NonNullable<AuditActor>, ip?: string | null): Promise<void> {
  const id = parseRecordId(rawId);
  if (id === null) throw new AppError(ErrorCode.NOT_FOUND, `No fulfilment ${rawId}`);
  const parsed = settleNoteSchema.safeParse(note);
  if (!parsed.success) throw new AppError(ErrorCode.VALIDATION, parsed.error.issues[0]?.message ?? "invalid note", { field: "note" });
  const text = parsed.data;
  await prisma.$transaction(async (tx) => {
    const settled = await tx.$queryRaw<{ id: bigint; kind: string }[]>`
      UPDATE fp_command c SET settled_at = now(), settled_by = ${actor.email}
      FROM fulfilment f
      WHERE f.id = ${id} AND c.id = f.command_id AND c.state = 'failed' AND c.settled_at IS NULL
      RETURNING c.id, c.kind::text AS kind`;
    const [c] = settled;
    if (!c) throw new AppError(ErrorCode.CONFLICT, `Fulfilment ${id} has no failed send to settle`);
    await recordAudit(tx, {
      actor,
      action: "fulfilment.settle",
      targetType: "fulfilment",
      targetId: id.toString(),
      before: { command_id: c.id.toString(), kind: c.kind, state: "failed" },
      after: { settled: "in FirstPromoter", note: text },
      ip,
    });
    await refreshSyncState(tx, [id]);
  });
}
