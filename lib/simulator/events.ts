/**
 * One small function per event type. Each changes the simulated program and returns the event's
 * `type` and `data`; follow-ups that FirstPromoter sends right after (a new customer's rewards, a
 * reward's fulfilment) are queued on the world and emitted next.
 */
import type { Rng } from "./prng.ts";
import {
  type Campaign, type Lead, type Promoter, type RewardRule, balances, campaignSnapshot, createCampaigns, emailFor, idSequence,
  leadSnapshot, person, PLANS, profileFor, promoterSnapshot, promotionSnapshot, referralLink, rewardAmount, token,
} from "./world.ts";

export type Emitted = { type: string; data: Record<string, unknown> };
/** `at` is the event's time in ms; `iso(ms)` turns times into ISO strings. */
type Action = (w: World, at: number) => Emitted;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** An object's own created_at is a few ms before its event's, as in the seed examples. */
const shortlyBefore = (w: World, at: number) => iso(at - w.rng.int(20, 400));

/** A set that picks and removes random members in O(1). */
export class Bucket<T> {
  private items: T[] = [];
  private index = new Map<T, number>();
  get size() { return this.items.length; }
  add(item: T) { if (!this.index.has(item)) { this.index.set(item, this.items.length); this.items.push(item); } }
  remove(item: T) {
    const i = this.index.get(item);
    if (i === undefined) return;
    const last = this.items.pop() as T;
    this.index.delete(item);
    if (last !== item) { this.items[i] = last; this.index.set(last, i); }
  }
  random(rng: Rng): T { return rng.pick(this.items); }
  take(rng: Rng): T { const item = this.random(rng); this.remove(item); return item; }
}

export type World = ReturnType<typeof createWorld>;

export function createWorld(rng: Rng) {
  const campaigns = createCampaigns(rng);
  return {
    rng,
    campaigns,
    ids: {
      promoter: idSequence(rng, 3_000_000, 4_000_000),
      promotion: idSequence(rng, 8_000_000, 3_000_000),
      lead: idSequence(rng, 20_000_000, 5_000_000),
      reward: idSequence(rng, 11_000_000, 1_000_000),
      fulfilment: idSequence(rng, 2_400_000, 500_000),
      payout: idSequence(rng, 1_200_000, 300_000),
    },
    refIds: new Set<string>(),
    promoterCount: 0,
    leadCount: 0,
    pending: new Bucket<Promoter>(),
    active: new Bucket<Promoter>(),
    activeByCampaign: new Map(campaigns.map((c) => [c, new Bucket<Promoter>()])),
    signups: new Bucket<Lead>(),
    referrals: new Bucket<Lead>(),
    customers: new Bucket<Lead>(),
    recurring: new Bucket<Lead>(),
    /** Promoters with at least $50.00 of current cash balance, who may get paid out. */
    payable: new Bucket<Promoter>(),
    followUps: [] as Action[],
  };
}

function uniqueRefId(w: World): string {
  for (;;) {
    const ref = token(w.rng, w.rng.int(5, 8));
    if (!w.refIds.has(ref)) return w.refIds.add(ref), ref;
  }
}

export function promoterSignedUp(w: World, at: number): Emitted {
  const { rng } = w;
  const { first, last } = person(rng);
  // The main (cash) campaign draws most promoters.
  const campaign: Campaign = rng.chance(0.55) ? w.campaigns[0]! : rng.pick(w.campaigns.slice(1));
  const refId = uniqueRefId(w);
  const p: Promoter = {
    id: w.ids.promoter(), email: emailFor(rng, first, last, ++w.promoterCount), refId, status: "pending",
    createdAt: shortlyBefore(w, at), tempPassword: `${token(rng, 3, "ABCDEFGHJKLMNPQRSTUVWXYZ")}-${token(rng, 2, "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ")}`,
    profile: profileFor(rng, first, last), promotion: { id: w.ids.promotion(), refId, campaign }, earnings: {}, paid: {},
  };
  w.pending.add(p);
  const { profile, createdAt: created_at, tempPassword: temp_password } = p;
  return {
    // FirstPromoter has sent this event under both names.
    type: rng.chance(0.15) ? "promoter_signs_up" : "promoter_signed_up",
    data: {
      promoter: { id: p.id, status: p.status, email: p.email, created_at, temp_password, default_ref_id: refId, ...balances(p), profile },
      promotions: [{ id: p.promotion.id, status: "offer_running", ref_id: refId, campaign_id: campaign.id, campaign_name: campaign.name, referral_link: referralLink(p) }],
    },
  };
}

export function promoterAccepted(w: World): Emitted {
  const p = w.pending.take(w.rng);
  p.status = "active";
  w.active.add(p);
  w.activeByCampaign.get(p.promotion.campaign)?.add(p);
  return {
    type: "promoter_accepted",
    data: { state: "accepted", campaign: campaignSnapshot(p.promotion.campaign), promoter: promoterSnapshot(p), promotion: promotionSnapshot(p) },
  };
}

export function leadSignup(w: World, at: number): Emitted {
  const { rng } = w;
  const { first, last } = person(rng);
  const lead: Lead = {
    id: w.ids.lead(), email: emailFor(rng, first, last, ++w.leadCount), uid: "", state: "signup", createdAt: shortlyBefore(w, at),
    customerSince: null, cancelledAt: null, planName: null, price: 0,
    suspicion: rng.chance(0.9) ? "no_suspicion" : rng.pick(["same_ip_suspicion", "same_promoter_email", "ad_source"]),
    customFields: rng.chance(0.3) ? { utm_source: rng.pick(["newsletter", "youtube", "blog", "twitter"]), coupon: rng.pick(["SPRING20", "WELCOME", "none"]) } : null,
    promoter: referrer(w),
  };
  w.signups.add(lead);
  return { type: "lead_signup", data: leadSnapshot(lead) };
}

/** Most leads come through the main (cash) campaign, whichever promoters happen to be active. */
function referrer(w: World): Promoter {
  const { rng, campaigns } = w;
  const preferred = w.activeByCampaign.get(rng.chance(0.6) ? campaigns[0]! : rng.pick(campaigns.slice(1)));
  return preferred && preferred.size > 0 ? preferred.random(rng) : w.active.random(rng);
}

export function leadBecomesReferral(w: World): Emitted {
  const lead = w.signups.take(w.rng);
  lead.uid = `usr_${token(w.rng, 12)}`;
  w.referrals.add(lead);
  return { type: "lead_becomes_referral", data: leadSnapshot(lead) };
}

export function newCustomer(w: World, at: number): Emitted {
  const { rng } = w;
  const lead = w.referrals.take(rng);
  const plan = rng.pick(PLANS);
  Object.assign(lead, { state: "active", customerSince: shortlyBefore(w, at), planName: plan.name, price: plan.price });
  w.customers.add(lead);
  if (lead.promoter.promotion.campaign.recurring) w.recurring.add(lead);
  for (const r of lead.promoter.promotion.campaign.onConversion(rng)) w.followUps.push((w2, t) => rewardCreated(w2, t, lead, r));
  return { type: "new_customer", data: leadSnapshot(lead) };
}

/** A renewal of a customer on a recurring-commission campaign. */
export function renewal(w: World, at: number): Emitted {
  const lead = w.recurring.random(w.rng);
  return rewardCreated(w, at, lead, lead.promoter.promotion.campaign.main);
}

export function rewardCreated(w: World, at: number, lead: Lead, r: RewardRule): Emitted {
  const { rng } = w;
  const p = lead.promoter;
  const amount = rewardAmount(r, lead.price);
  const status = rng.chance(0.8) ? "approved" : "pending";
  p.earnings[r.unit] = (p.earnings[r.unit] ?? 0) + amount;
  const { earnings_balance, current_balance } = balances(p);
  if ((current_balance?.cash ?? 0) >= 5000) w.payable.add(p);
  if (r.fulfil && status === "approved") w.followUps.push((w2, t) => fulfilmentPending(w2, t, p, r, amount));
  const { id, campaign_id, campaign_name, referral_link } = promotionSnapshot(p);
  return {
    type: "reward_created",
    data: {
      id: w.ids.reward(), status, amount, unit: r.unit, created_at: shortlyBefore(w, at), conversion_amount: lead.price, tier_level: 1,
      lead: { id: lead.id, state: lead.state, email: lead.email, customer_since: lead.customerSince },
      promoter: { id: p.id, status: p.status, email: p.email, earnings_balance, current_balance },
      promotion: { id, campaign_id, campaign_name, referral_link },
    },
  };
}

export function fulfilmentPending(w: World, at: number, p: Promoter, r: RewardRule, amount: number): Emitted {
  return {
    type: "fulfilment_pending",
    data: {
      id: w.ids.fulfilment(), status: "pending", amount, unit: r.unit, created_at: shortlyBefore(w, at),
      has_issues: w.rng.chance(0.05), due_date: iso(at + 14 * DAY), date_paid: null,
      reward: { id: r.id, type: r.type, unit: r.unit, name: r.name },
      promoter: { id: p.id, status: p.status, email: p.email, current_balance: balances(p).current_balance },
      campaign: campaignSnapshot(p.promotion.campaign),
    },
  };
}

export function leadCancelled(w: World, at: number): Emitted {
  const lead = w.customers.take(w.rng);
  w.recurring.remove(lead);
  Object.assign(lead, { state: "cancelled", cancelledAt: shortlyBefore(w, at) });
  return { type: "lead_cancelled", data: leadSnapshot(lead) };
}

/** Not a v1 type Ledger knows: shows that unknown events are stored and ignored. Pays out the cash balance. */
export function payoutCreated(w: World, at: number): Emitted {
  const p = w.payable.take(w.rng);
  const amount = balances(p).current_balance?.cash ?? 0;
  p.paid.cash = (p.paid.cash ?? 0) + amount;
  return {
    type: "payout_created",
    data: { id: w.ids.payout(), status: "completed", amount, unit: "cash", created_at: shortlyBefore(w, at), promoter: { id: p.id, status: p.status, email: p.email, ...balances(p) } },
  };
}

/** The next event: a queued follow-up, else an action drawn by weight among those the program's state allows. */
export function nextEvent(w: World, at: number): Emitted {
  const followUp = w.followUps.shift();
  if (followUp) return followUp(w, at);
  const kind = w.rng.weighted({
    promoterSignedUp: w.pending.size + w.active.size < 2 ? 100 : 4,
    promoterAccepted: w.pending.size > 0 ? 5 : 0,
    leadSignup: w.active.size > 0 ? 30 : 0,
    leadBecomesReferral: w.signups.size > 0 ? 18 : 0,
    newCustomer: w.referrals.size > 0 ? 12 : 0,
    renewal: w.recurring.size > 0 ? 8 : 0,
    leadCancelled: w.customers.size > 0 ? 3 : 0,
    payoutCreated: w.payable.size > 0 ? 1.2 : 0,
  });
  const actions: Record<typeof kind, Action> = {
    promoterSignedUp, promoterAccepted, leadSignup, leadBecomesReferral, newCustomer, renewal, leadCancelled, payoutCreated,
  };
  return actions[kind](w, at);
}
