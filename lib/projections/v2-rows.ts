import type { Action } from "./version-key.ts";
import type { V2Commission, V2Payout, V2Promoter, V2PromoterCampaign, V2Referral } from "@/lib/firstpromoter/v2-schemas.ts";
import type { Projection } from "./projection.ts";
import type { CampaignRow } from "./campaigns.ts";
import type { LeadRow } from "./leads.ts";
import type { PayoutCommissionRow, PayoutRow } from "./payouts.ts";
import type { PromoterRow } from "./promoters.ts";
import type { PromotionRow } from "./promotions.ts";
import type { RewardRow } from "./rewards.ts";

// FirstPromoter v2 entities as rows of the same tables v1 fills (docs/v1-v2-mapping.md has the column
// map). One rule differs from v1: a field absent from `data` is `undefined` here (left out of the JSON:
// never erases what is stored), while a field `data` states as null is null and listed in `_nulls`, so
// the statement sets it (a reactivated referral's cancelled_at). Deletion is a versioned field: a
// `deleted` action sets it, any other action clears it.

type Partial2<T> = { [K in keyof T]?: T[K] | undefined } & { id: string };

/** The columns a row states as null (v2's explicit nulls), for the statement. */
function withNulls<T extends object>(row: T): T & { _nulls?: string[] } {
  const nulls = Object.entries(row)
    .filter(([k, v]) => v === null && k !== "_nulls")
    .map(([k]) => k);
  return nulls.length > 0 ? { ...row, _nulls: nulls } : row;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
/**
 * An object without null or empty-string values (json columns are merged key by key, and v2's profile
 * sends "" for every field left blank: no value, as in v1), or undefined when nothing is left.
 */
function compactObject(o: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  if (!o) return undefined;
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ""));
  return Object.keys(out).length > 0 ? out : undefined;
}

const deletedBy = (action: Action) => action === "deleted";

/**
 * A v2 promoter has no single status: its state is per campaign. The promoter's status is the most
 * engaged of them: accepted in any campaign → active; else pending → pending; else blocked, inactive,
 * rejected, in that order. Unknown (undefined) when the snapshot lists no campaigns.
 */
export function promoterStatusFrom(campaigns: { state?: string | null }[] | null | undefined): string | undefined {
  if (!campaigns || campaigns.length === 0) return undefined;
  const states = new Set(campaigns.map((c) => c.state));
  for (const [state, status] of [
    ["accepted", "active"],
    ["pending", "pending"],
    ["blocked", "blocked"],
    ["inactive", "inactive"],
    ["rejected", "rejected"],
  ] as const) {
    if (states.has(state)) return status;
  }
  return undefined;
}

/** A stub row for a record named only by id (a foreign key must find a row): every other field absent. */
const stub = (id: string): { id: string } => ({ id });

export function addV2Campaign(p: Projection, c: { id: string; name?: string | null } | null | undefined): void {
  if (c) p.campaigns.add(withNulls({ id: c.id, name: c.name ?? undefined }) as CampaignRow);
}

export function addV2Promoter(p: Projection, fp: V2Promoter, action: Action): void {
  const profile = fp.profile ?? undefined;
  p.promoters.add(
    withNulls<Partial2<PromoterRow>>({
      id: fp.id,
      status: promoterStatusFrom(fp.promoter_campaigns),
      email: fp.email,
      name: fp.name,
      cust_id: fp.cust_id,
      first_name: str(profile?.first_name),
      last_name: str(profile?.last_name),
      profile: compactObject(profile),
      custom_fields: compactObject(fp.custom_fields),
      fp_created_at: fp.joined_at,
      deleted: deletedBy(action),
    }) as PromoterRow,
  );
  // `balances` is the earnings balance per unit (v1's earnings_balance; v2 adds a `discount` unit).
  for (const [unit, amount] of Object.entries(fp.balances ?? {})) {
    if (amount !== null && amount !== undefined) p.balances.add({ promoter_id: fp.id, kind: "earnings", unit, amount });
  }
  for (const pc of fp.promoter_campaigns ?? []) addV2PromoterCampaign(p, { ...pc, promoter_id: pc.promoter_id ?? fp.id }, "updated");
}

/** A named reference (id, email, name) to a promoter another entity belongs to. */
function addPromoterRef(p: Projection, ref: { id: string; email?: string | null; name?: string | null } | null | undefined): void {
  if (ref) p.promoters.add(withNulls<Partial2<PromoterRow>>({ id: ref.id, email: ref.email ?? undefined, name: ref.name ?? undefined }) as PromoterRow);
}

/** A promoter campaign (v1's promotion): the membership, with its state, and the promoter and campaign it names. */
export function addV2PromoterCampaign(p: Projection, pc: V2PromoterCampaign, action: Action): void {
  const promoterId = pc.promoter_id ?? pc.promoter?.id;
  const campaignId = pc.campaign_id ?? pc.campaign?.id;
  addPromoterRef(p, pc.promoter ?? (promoterId ? { id: promoterId } : null));
  addV2Campaign(p, pc.campaign ?? (campaignId ? { id: campaignId } : null));
  p.promotions.add(
    withNulls<Partial2<PromotionRow>>({
      id: pc.id,
      promoter_id: promoterId ?? undefined,
      campaign_id: campaignId ?? undefined,
      state: pc.state,
      ref_id: pc.ref_token,
      referral_link: pc.ref_link,
      deleted: deletedBy(action),
    }) as PromotionRow,
  );
}

/** A referral (v1's lead): fraud_check is v1's suspicion (the same values), one column. */
export function addV2Referral(p: Projection, r: V2Referral, action: Action): void {
  const pc = r.promoter_campaign;
  if (pc) addV2PromoterCampaign(p, pc, "updated");
  p.leads.add(
    withNulls<Partial2<LeadRow>>({
      id: r.id,
      state: r.state,
      suspicion: r.fraud_check,
      email: r.email,
      uid: r.uid,
      username: r.username,
      website: r.website,
      plan_name: r.plan_name,
      customer_since: r.customer_since,
      cancelled_at: r.cancelled_at,
      fp_created_at: r.created_at,
      promoter_id: pc ? (pc.promoter_id ?? pc.promoter?.id ?? undefined) : undefined,
      promotion_id: pc?.id,
      deleted: deletedBy(action),
    }) as LeadRow,
  );
}

/**
 * A commission (v1's reward): status pending / approved / denied, is_paid, unit, amount (in the
 * unit's smallest step, cents for cash, as v1's reward amounts), its referral and promoter when given.
 * Every commission is also offered to the review queue, which keeps the approved non-monetary ones.
 */
export function addV2Commission(p: Projection, c: V2Commission, action: Action): void {
  const pc = c.promoter_campaign;
  if (pc) addV2PromoterCampaign(p, pc, "updated");
  addPromoterRef(p, c.promoter);
  if (c.referral) p.leads.add(withNulls<Partial2<LeadRow>>({ id: c.referral.id, email: c.referral.email ?? undefined, uid: c.referral.uid ?? undefined }) as LeadRow);
  const promoterId = c.promoter?.id ?? pc?.promoter_id ?? pc?.promoter?.id ?? undefined;
  p.rewards.add(
    withNulls<Partial2<RewardRow>>({
      id: c.id,
      status: c.status,
      amount: c.amount,
      unit: c.unit,
      is_paid: c.is_paid,
      conversion_amount: c.sale_amount,
      tier_level: c.tier,
      fp_created_at: c.created_at,
      status_updated_at: c.status_updated_at,
      lead_id: c.referral?.id,
      promoter_id: promoterId,
      promotion_id: pc?.id,
      deleted: deletedBy(action),
    }) as RewardRow,
  );
  p.commissionQueue.add({ id: c.id, campaign_id: pc?.campaign_id ?? pc?.campaign?.id ?? null });
}

/** A payout: status, amount per unit, period, promoter and campaign. */
export function addV2Payout(p: Projection, po: V2Payout, action: Action): void {
  addPromoterRef(p, po.promoter);
  addV2Campaign(p, po.campaign);
  p.payouts.add(
    withNulls<PayoutRow>({
      id: po.id,
      status: po.status,
      amount: po.amount,
      unit: po.unit,
      total_incl_tax: po.total_incl_tax,
      period_start: po.period_start,
      period_end: po.period_end,
      paid_at: po.paid_at,
      failed_at: po.failed_at,
      error: po.error,
      payments_batch_id: po.payments_batch_id,
      fp_created_at: po.created_at,
      promoter_id: po.promoter?.id,
      campaign_id: po.campaign?.id,
      deleted: deletedBy(action),
    }),
  );
  p.payoutOutcomes.add({ id: po.id });
}

/** A payout–commission link (both ids known); a deleted link unlinks. Stubs keep the foreign keys whole. */
export function addV2PayoutCommission(p: Projection, payoutId: string, commissionId: string, action: Action): void {
  p.payouts.add(stub(payoutId));
  p.rewards.add(stub(commissionId) as RewardRow);
  p.payoutCommissions.add({ payout_id: payoutId, commission_id: commissionId, deleted: deletedBy(action) } satisfies PayoutCommissionRow);
  p.payoutOutcomes.add({ id: payoutId });
}
