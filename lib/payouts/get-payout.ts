import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";

// One payout for its detail page (/payouts/<id>): its fields, promoter and campaign, the commissions
// linked to it (payout.commissions.*) with their review-queue row when they are non-monetary, and
// the v2 events that told Ledger about it, newest first.

const MAX_COMMISSIONS = 500;
const MAX_EVENTS = 200;

export type PayoutDetail = NonNullable<Awaited<ReturnType<typeof getPayout>>>;

type CommissionRaw = {
  id: bigint;
  status: string | null;
  amount: string | null;
  unit: string | null;
  leadId: bigint | null;
  leadEmail: string | null;
  linkDeleted: boolean;
  fulfilmentSync: string | null;
};

type EventRaw = { id: bigint; type: string; occurredAt: Date; changes: unknown };

export async function getPayout(prisma: PrismaClient, rawId: string) {
  const id = parseRecordId(rawId);
  if (id === null) return null;
  const [payout, commissions, events] = await Promise.all([
    prisma.payout.findUnique({
      where: { id },
      include: {
        promoter: { select: { id: true, email: true, name: true, firstName: true, lastName: true } },
        campaign: { select: { id: true, name: true } },
      },
    }),
    prisma.$queryRaw<CommissionRaw[]>(Prisma.sql`
      SELECT pc.commission_id AS id, r.status, r.amount::text AS amount, r.unit, r.lead_id AS "leadId", l.email AS "leadEmail",
             pc.deleted AS "linkDeleted", f.sync_state::text AS "fulfilmentSync"
      FROM payout_commission pc
      LEFT JOIN reward r ON r.id = pc.commission_id
      LEFT JOIN lead l ON l.id = r.lead_id
      LEFT JOIN fulfilment f ON f.id = pc.commission_id
      WHERE pc.payout_id = ${id}
      ORDER BY pc.deleted, pc.commission_id
      ${Prisma.raw(`LIMIT ${MAX_COMMISSIONS}`)}`),
    prisma.$queryRaw<EventRaw[]>(Prisma.sql`
      SELECT e.id, e.type, e.occurred_at AS "occurredAt", e.payload -> 'changes' AS changes
      FROM event_record er JOIN webhook_event e ON e.id = er.event_id
      WHERE er.record_type = 'payout' AND er.record_id = ${id}
      ORDER BY e.occurred_at DESC, e.id DESC
      ${Prisma.raw(`LIMIT ${MAX_EVENTS}`)}`),
  ]);
  if (!payout) return null;
  const { promoter, campaign, ...row } = payout;
  return {
    payout: {
      ...row,
      id: row.id.toString(),
      amount: row.amount?.toFixed(4) ?? null,
      totalInclTax: row.totalInclTax?.toFixed(4) ?? null,
      promoterId: row.promoterId?.toString() ?? null,
      campaignId: row.campaignId?.toString() ?? null,
      paymentsBatchId: row.paymentsBatchId?.toString() ?? null,
      snapshotEventId: row.snapshotEventId?.toString() ?? null,
    },
    promoter: promoter
      ? { id: promoter.id.toString(), email: promoter.email, name: promoter.name ?? ([promoter.firstName, promoter.lastName].filter(Boolean).join(" ") || null) }
      : null,
    campaign: campaign ? { id: campaign.id.toString(), name: campaign.name } : null,
    commissions: commissions.map((c) => ({ ...c, id: c.id.toString(), leadId: c.leadId?.toString() ?? null })),
    commissionsCut: commissions.length === MAX_COMMISSIONS,
    events: events.map((e) => ({ ...e, id: e.id.toString() })),
  };
}
