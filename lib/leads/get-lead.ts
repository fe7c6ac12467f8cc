import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";

/** Rewards shown on the lead's page; a lead with more (years of renewals) says how many there are. */
export const LEAD_REWARDS_SHOWN = 100;

export type LeadReward = {
  id: string;
  status: string | null;
  /** Exact decimal text, in the unit's smallest step (format with formatAmount). */
  amount: string | null;
  unit: string | null;
  conversionAmount: string | null;
  tierLevel: number | null;
  createdAt: Date;
  /** The stored event that first carried this reward (reward_created), for a link. */
  eventId: string | null;
};

type RawReward = Omit<LeadReward, "id" | "eventId"> & { id: bigint; eventId: bigint | null };

export type LeadDetail = NonNullable<Awaited<ReturnType<typeof getLead>>>;

const promoterFields = { id: true, email: true, firstName: true, lastName: true, status: true } as const;

/**
 * A lead for its detail page: its fields, its promoter, its promotion with the campaign, the split
 * promotion (with its promoter) when the lead has one, and its newest rewards (each with the event
 * that created it). A fixed number of queries whatever the lead. Null when there is no such lead.
 */
export async function getLead(prisma: PrismaClient, id: bigint) {
  const [lead, rewards, rewardCount] = await Promise.all([
    prisma.lead.findUnique({
      where: { id },
      include: {
        promoter: { select: promoterFields },
        promotion: { select: { id: true, refId: true, status: true, referralLink: true, campaign: { select: { id: true, name: true } } } },
      },
    }),
    prisma.$queryRaw<RawReward[]>(Prisma.sql`
      SELECT r.id, r.status, trim_scale(r.amount)::text AS amount, r.unit, trim_scale(r.conversion_amount)::text AS "conversionAmount",
             r.tier_level AS "tierLevel", COALESCE(r.fp_created_at, r.first_seen_at) AS "createdAt",
             (SELECT e.id FROM event_record er JOIN webhook_event e ON e.id = er.event_id
              WHERE er.record_type = 'reward' AND er.record_id = r.id
              ORDER BY e.occurred_at, e.id LIMIT 1) AS "eventId"
      FROM reward r
      WHERE r.lead_id = ${id}::bigint
      ORDER BY COALESCE(r.fp_created_at, r.first_seen_at) DESC, r.id DESC
      ${Prisma.raw(`LIMIT ${LEAD_REWARDS_SHOWN}`)}`),
    prisma.reward.count({ where: { leadId: id } }),
  ]);
  if (!lead) return null;

  const splitPromotion =
    lead.splitPromotionId === null
      ? null
      : await prisma.promotion.findUnique({
          where: { id: lead.splitPromotionId },
          select: { id: true, refId: true, promoter: { select: promoterFields } },
        });

  const { promoter, promotion, fieldVersions: _versions, ...fields } = lead;
  return {
    lead: {
      ...fields,
      id: fields.id.toString(),
      promoterId: fields.promoterId?.toString() ?? null,
      promotionId: fields.promotionId?.toString() ?? null,
      splitPromotionId: fields.splitPromotionId?.toString() ?? null,
      snapshotEventId: fields.snapshotEventId?.toString() ?? null,
      customFields: isObject(fields.customFields) ? fields.customFields : null,
    },
    promoter: promoter ? { ...promoter, id: promoter.id.toString() } : null,
    promotion: promotion
      ? {
          ...promotion,
          id: promotion.id.toString(),
          campaign: promotion.campaign ? { id: promotion.campaign.id.toString(), name: promotion.campaign.name } : null,
        }
      : null,
    splitPromotion: splitPromotion
      ? {
          id: splitPromotion.id.toString(),
          refId: splitPromotion.refId,
          promoter: splitPromotion.promoter ? { ...splitPromotion.promoter, id: splitPromotion.promoter.id.toString() } : null,
        }
      : null,
    rewards: rewards.map((r): LeadReward => ({ ...r, id: r.id.toString(), eventId: r.eventId?.toString() ?? null })),
    rewardCount,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
