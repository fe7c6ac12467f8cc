import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { type DeliveryRaw, toDeliveryRow } from "@/lib/records/delivery-row.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";
import { describeSyncState } from "./sync-state.ts";

// One fulfilment for its detail page (/fulfilments/<id>): fields, sync state, deliveries, reviews.

/** The newest deliveries and review rows shown (the page says when deliveries were cut off). */
const MAX_DELIVERIES = 200;
const MAX_AUDITS = 100;
/** The newest outbox commands shown. */
const MAX_COMMANDS = 20;

export type FulfilmentDetail = NonNullable<Awaited<ReturnType<typeof getFulfilment>>>;

/**
 * A fulfilment for its detail page: the stored row with its promoter and campaign, its sync state
 * with FirstPromoter, every delivery of every event that carried it (event_record → webhook_event →
 * webhook_delivery: re-sends are duplicate deliveries of the same event) and its review history from
 * the audit log. Four queries, each on an index; null when there is no such fulfilment.
 */
export async function getFulfilment(prisma: PrismaClient, rawId: string, now = new Date()) {
  const id = parseRecordId(rawId);
  if (id === null) return null;
  const [f, deliveries, audits, commands] = await Promise.all([
    prisma.fulfilment.findUnique({
      where: { id },
      include: { promoter: { select: { id: true, email: true, firstName: true, lastName: true } }, campaign: { select: { id: true, name: true } } },
    }),
    prisma.$queryRaw<DeliveryRaw[]>(Prisma.sql`
      SELECT d.id, d.received_at AS "receivedAt", d.status_code AS "statusCode", d.outcome, d.error_code AS "errorCode", d.reason,
             e.id AS "eventId", e.external_id AS "externalEventId", e.type AS "eventType", d.body_bytes AS "bodyBytes", d.format
      FROM event_record er
      JOIN webhook_event e ON e.id = er.event_id
      JOIN webhook_delivery d ON d.event_id = er.event_id
      WHERE er.record_type = 'fulfilment' AND er.record_id = ${id}
      ORDER BY d.received_at DESC, d.id DESC
      ${Prisma.raw(`LIMIT ${MAX_DELIVERIES}`)}`),
    prisma.auditLog.findMany({ where: { targetType: "fulfilment", targetId: id.toString() }, orderBy: [{ at: "desc" }, { id: "desc" }], take: MAX_AUDITS }),
    prisma.fpCommand.findMany({ where: { fulfilmentId: id }, orderBy: { id: "desc" }, take: MAX_COMMANDS }),
  ]);
  if (!f) return null;
  const { promoter, campaign, ...row } = f;
  const current = commands.find((c) => c.id === row.commandId) ?? null;
  const queued = commands.find((c) => c.state === "queued") ?? null;
  const sync = describeSyncState(
    {
      syncState: row.syncState,
      reviewStatus: row.reviewStatus,
      undoUntil: row.undoUntil,
      answered200At: row.answered200At,
      fpOutcomeAt: row.fpOutcomeAt,
      fpOutcome: row.fpOutcome,
      format: row.format,
      command: current
        ? {
            id: current.id.toString(),
            kind: current.kind,
            state: current.state,
            attempts: current.attempts,
            dueAt: current.dueAt,
            lastError: current.lastError,
            lastSentAt: current.lastSentAt,
            batchId: current.batchId?.toString() ?? null,
            finishedAt: current.finishedAt,
            settledAt: current.settledAt,
            settledBy: current.settledBy,
          }
        : null,
    },
    now,
  );
  return {
    fulfilment: {
      ...row,
      id: row.id.toString(),
      reviewStatus: row.reviewStatus,
      amount: row.amount?.toFixed(4) ?? null,
      promoterId: row.promoterId?.toString() ?? null,
      campaignId: row.campaignId?.toString() ?? null,
      snapshotEventId: row.snapshotEventId?.toString() ?? null,
      commandId: row.commandId?.toString() ?? null,
    },
    promoter: promoter ? { ...promoter, id: promoter.id.toString(), name: [promoter.firstName, promoter.lastName].filter(Boolean).join(" ") || null } : null,
    campaign: campaign ? { id: campaign.id.toString(), name: campaign.name } : null,
    sync,
    /** The outbox commands, newest first: kind, state, attempts, last error and how each ended. */
    commands: commands.map((c) => ({
      id: c.id.toString(),
      kind: c.kind,
      state: c.state,
      step: c.step,
      attempts: c.attempts,
      decidedAt: c.decidedAt,
      decidedBy: c.decidedBy,
      dueAt: c.dueAt,
      lastSentAt: c.lastSentAt,
      lastError: c.lastError,
      batchId: c.batchId?.toString() ?? null,
      finishedAt: c.finishedAt,
      result: c.result,
      settledAt: c.settledAt,
      settledBy: c.settledBy,
    })),
    queued: queued ? { id: queued.id.toString(), kind: queued.kind } : null,
    deliveries: deliveries.map(toDeliveryRow),
    deliveriesCapped: deliveries.length === MAX_DELIVERIES,
    audits: audits.map((a) => ({ ...a, id: a.id.toString() })),
  };
}
