import "server-only";
import { type AuditActor, recordAudit } from "@/lib/audit/record-audit.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import { type ApiConfig, apiConfigFromEnv, isConnected } from "@/lib/firstpromoter-api/config.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { enqueueCommand } from "@/lib/outbox/enqueue-command.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";
import { refreshSyncState } from "./refresh-sync-state.ts";

/**
 * Reverses an approval that can no longer be undone: a mark_unfulfilled command through the outbox
 * (queued behind a send still under way). The fulfilment stays approved until FirstPromoter confirms
 * it unfulfilled, then awaits review again. Needs the API: without it the admin reverses it in
 * FirstPromoter's dashboard.
 */
export async function markUnfulfilled(
  prisma: PrismaClient,
  rawId: string,
  actor: NonNullable<AuditActor>,
  ip?: string | null,
  config: ApiConfig = apiConfigFromEnv(),
): Promise<{ queued: boolean }> {
  const id = parseRecordId(rawId);
  if (id === null) throw new AppError(ErrorCode.NOT_FOUND, `No fulfilment ${rawId}`);
  if (!isConnected(config)) {
    throw new AppError(ErrorCode.CONFLICT, "FirstPromoter's API is not connected: mark it unfulfilled in FirstPromoter's dashboard instead");
  }
  return prisma.$transaction(async (tx) => {
    const [f] = await tx.$queryRaw<{ review_status: string; undo_until: Date | null; kind: string | null; state: string | null }[]>`
      SELECT f.review_status::text AS review_status, f.undo_until, c.kind::text AS kind, c.state::text AS state
      FROM fulfilment f LEFT JOIN fp_command c ON c.id = f.command_id WHERE f.id = ${id} FOR UPDATE OF f`;
    if (!f) throw new AppError(ErrorCode.NOT_FOUND, `No fulfilment ${id}`);
    if (f.review_status !== "approved") throw new AppError(ErrorCode.CONFLICT, `Fulfilment ${id} is ${f.review_status}, not approved`);
    if (f.undo_until && f.undo_until > new Date()) throw new AppError(ErrorCode.CONFLICT, `Fulfilment ${id} was approved moments ago: undo it instead`);
    if (f.kind === "mark_unfulfilled" && f.state !== "failed" && f.state !== "cancelled") {
      throw new AppError(ErrorCode.CONFLICT, `Fulfilment ${id} is already being unfulfilled`);
    }
    const { queued } = await enqueueCommand(tx, { fulfilmentId: id, kind: "mark_unfulfilled", connected: true, decidedBy: actor.email, undoUntil: null });
    await recordAudit(tx, {
      actor,
      action: "fulfilment.unfulfil",
      targetType: "fulfilment",
      targetId: id.toString(),
      before: { review_status: "approved" },
      after: { firstpromoter: queued ? "mark_unfulfilled queued behind the send under way" : "mark_unfulfilled scheduled" },
      ip,
    });
    await refreshSyncState(tx, [id]);
    return { queued };
  });
}
