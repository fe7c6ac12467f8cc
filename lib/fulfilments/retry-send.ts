import "server-only";
import { type AuditActor, recordAudit } from "@/lib/audit/record-audit.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import { type ApiConfig, apiConfigFromEnv, isConnected } from "@/lib/firstpromoter-api/config.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { enqueueCommand } from "@/lib/outbox/enqueue-command.ts";
import type { CommandKind } from "@/lib/outbox/types.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";
import { refreshSyncState } from "./refresh-sync-state.ts";

/**
 * A failed command, tried again: a new command of the same kind, due at once, with a fresh 3-day
 * clock. Only from failed (and not settled): a guarded read under the row lock. Audited.
 */
export async function retrySend(
  prisma: PrismaClient,
  rawId: string,
  actor: NonNullable<AuditActor>,
  ip?: string | null,
  config: ApiConfig = apiConfigFromEnv(),
): Promise<void> {
  const id = parseRecordId(rawId);
  if (id === null) throw new AppError(ErrorCode.NOT_FOUND, `No fulfilment ${rawId}`);
  await prisma.$transaction(async (tx) => {
    const [c] = await tx.$queryRaw<{ id: bigint; kind: CommandKind; state: string; settled_at: Date | null; last_error: string | null }[]>`
      SELECT c.id, c.kind::text AS kind, c.state::text AS state, c.settled_at, c.last_error
      FROM fulfilment f JOIN fp_command c ON c.id = f.command_id WHERE f.id = ${id} FOR UPDATE OF f, c`;
    if (!c || c.state !== "failed" || c.settled_at) throw new AppError(ErrorCode.CONFLICT, `Fulfilment ${id} has no failed send to retry`);
    const next = await enqueueCommand(tx, { fulfilmentId: id, kind: c.kind, connected: isConnected(config), decidedBy: actor.email, undoUntil: null });
    await recordAudit(tx, {
      actor,
      action: "fulfilment.retry_send",
      targetType: "fulfilment",
      targetId: id.toString(),
      before: { command_id: c.id.toString(), kind: c.kind, state: "failed", error: c.last_error },
      after: { command_id: next.id.toString(), kind: c.kind, state: isConnected(config) ? "scheduled" : "not_connected" },
      ip,
    });
    await refreshSyncState(tx, [id]);
  });
}
