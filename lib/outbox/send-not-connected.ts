import "server-only";
import { type AuditActor, recordAudits } from "@/lib/audit/record-audit.ts";
import { type ApiConfig, apiConfigFromEnv, isConnected } from "@/lib/firstpromoter-api/config.ts";
import { refreshSyncState } from "@/lib/fulfilments/refresh-sync-state.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

/**
 * The admin's word to send the commands decided while no API was connected (after Settings read
 * them back): each becomes scheduled, due now, with a fresh 3-day clock. Guarded (only those still
 * not connected), audited per fulfilment. Returns how many.
 */
export async function sendNotConnected(prisma: PrismaClient, actor: NonNullable<AuditActor>, ip?: string | null, config: ApiConfig = apiConfigFromEnv()): Promise<number> {
  if (!isConnected(config)) throw new AppError(ErrorCode.CONFLICT, "FirstPromoter's API is not connected: set FIRSTPROMOTER_API_KEY and FIRSTPROMOTER_ACCOUNT_ID first");
  return prisma.$transaction(async (tx) => {
    const sent = await tx.$queryRaw<{ fulfilment_id: bigint; kind: string }[]>`
      UPDATE fp_command SET state = 'scheduled', due_at = now(), undo_until = NULL, tried_ms = 0, clock_since = NULL
      WHERE state = 'not_connected'
      RETURNING fulfilment_id, kind::text AS kind`;
    if (sent.length === 0) return 0;
    await tx.$executeRaw`UPDATE fulfilment SET undo_until = NULL WHERE id = ANY(${sent.map((s) => s.fulfilment_id)}::bigint[]) AND undo_until IS NOT NULL`;
    await recordAudits(
      tx,
      sent.map((s) => ({ actor, action: "firstpromoter.send_not_connected", targetType: "fulfilment", targetId: s.fulfilment_id.toString(), after: { kind: s.kind, state: "scheduled" }, ip })),
    );
    await refreshSyncState(tx, sent.map((s) => s.fulfilment_id));
    return sent.length;
  });
}
