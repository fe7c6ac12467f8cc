import "server-only";
import { type AuditActor, recordAudits } from "@/lib/audit/record-audit.ts";
import { ApiError, createApiClient } from "@/lib/firstpromoter-api/client.ts";
import { type ApiConfig, apiConfigFromEnv, isConnected } from "@/lib/firstpromoter-api/config.ts";
import { MAX_IDS_PER_READ } from "@/lib/firstpromoter-api/schemas.ts";
import { refreshSyncState } from "@/lib/fulfilments/refresh-sync-state.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { recordSuccess } from "./connection.ts";
import { takeTokens } from "./rate-budget.ts";
import type { CommandKind } from "./types.ts";

export type ReconcileItem = { fulfilmentId: string; kind: CommandKind; firstPromoter: string };
export type ReconcileResult = {
  /** Already done in FirstPromoter: settled without a send. */
  settled: ReconcileItem[];
  /** Still to send (Send them moves them to scheduled). */
  remaining: ReconcileItem[];
  /** FirstPromoter does not know these ids. */
  unknown: ReconcileItem[];
};

/** What FirstPromoter's state means for a command decided while no API was connected: its end, or null (send it). */
function settle(kind: CommandKind, status: string, fulfilled: boolean): { state: "confirmed" | "cancelled"; result: string; outcome: string | null } | null {
  const outcome = fulfilled ? "fulfilled" : status === "denied" ? "denied" : null;
  if (kind === "mark_fulfilled" && fulfilled) return { state: "confirmed", result: "fulfilled_in_firstpromoter", outcome };
  if (kind === "mark_fulfilled" && status === "denied") return { state: "cancelled", result: "denied_in_firstpromoter", outcome };
  if (kind === "deny" && status === "denied") return { state: "confirmed", result: "denied_in_firstpromoter", outcome };
  if (kind === "mark_unfulfilled" && !fulfilled) return { state: "confirmed", result: "unfulfilled_in_firstpromoter", outcome };
  return null;
}

/**
 * Once an API key is added: reads back every command decided while none was (ids[] calls of 100,
 * plus the fulfilled filter), settles those FirstPromoter already shows done (fulfilled, denied), and
 * lists the rest for the admin to send. Guarded: only commands still not connected change. Audited.
 */
export async function reconcileNotConnected(prisma: PrismaClient, actor: NonNullable<AuditActor>, ip?: string | null, config: ApiConfig = apiConfigFromEnv()): Promise<ReconcileResult> {
  if (!isConnected(config)) throw new ApiError("auth", "FirstPromoter's API is not configured");
  const client = createApiClient(config);
  const waiting = await prisma.fpCommand.findMany({ where: { state: "not_connected" }, orderBy: { id: "asc" }, select: { id: true, fulfilmentId: true, kind: true } });
  const out: ReconcileResult = { settled: [], remaining: [], unknown: [] };
  for (let i = 0; i < waiting.length; i += MAX_IDS_PER_READ) {
    const chunk = waiting.slice(i, i + MAX_IDS_PER_READ);
    const ids = chunk.map((c) => c.fulfilmentId);
    for (let n = 0; n < 2; n++) if (!(await takeTokens(prisma, 1, config.budget))) throw new ApiError("rate_limited", "Ledger's own request budget is spent for this minute; try again shortly");
    const [all, fulfilled] = [await client.commissions(ids), await client.commissions(ids, { fulfilled: true })];
    const status = new Map(all.map((c) => [String(c.id), c.status]));
    const done = new Set(fulfilled.map((c) => String(c.id)));
    const ends: { id: string; fulfilment_id: string; state: string; result: string; outcome: string | null }[] = [];
    for (const c of chunk) {
      const fid = c.fulfilmentId.toString();
      const s = status.get(fid);
      const item = { fulfilmentId: fid, kind: c.kind, firstPromoter: s ? `${s}${done.has(fid) ? ", fulfilled" : ""}` : "unknown id" };
      if (!s) {
        out.unknown.push(item);
        continue;
      }
      const end = settle(c.kind, s, done.has(fid));
      if (end) {
        ends.push({ id: c.id.toString(), fulfilment_id: fid, ...end });
        out.settled.push(item);
      } else out.remaining.push(item);
    }
    await prisma.$transaction(async (tx) => {
      await recordSuccess(tx, new Date());
      if (ends.length === 0) return;
      const changed = await tx.$queryRaw<{ fulfilment_id: bigint }[]>`
        UPDATE fp_command c SET state = v.state::command_state, result = v.result, finished_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(ends)}::jsonb) AS v(id bigint, state text, result text)
        WHERE c.id = v.id AND c.state = 'not_connected'
        RETURNING c.fulfilment_id`;
      await tx.$executeRaw`
        UPDATE fulfilment f SET fp_outcome = v.outcome, fp_outcome_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(ends)}::jsonb) AS v(fulfilment_id bigint, outcome text)
        WHERE f.id = v.fulfilment_id AND f.fp_outcome IS DISTINCT FROM v.outcome`;
      await recordAudits(
        tx,
        ends.map((e) => ({ actor, action: "firstpromoter.reconcile", targetType: "fulfilment", targetId: e.fulfilment_id, after: { result: e.result }, ip })),
      );
      await refreshSyncState(tx, changed.map((r) => r.fulfilment_id));
    });
  }
  return out;
}
