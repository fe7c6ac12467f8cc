/**
 * One small function per event type. Each changes the simulated program and returns the event's
 * `type` and `data`; follow-ups that FirstPromoter sends right after (a new customer's rewards, a
 * reward's fulfilment) are queued on the world and emitted next.
 *
 * The program goes through every status FirstPromoter v1 documents, so each of the dashboard's
 * filters has something to show: promoters pending (some applications are never reviewed), active
 * and blocked; leads signup, pending (flagged as suspicious), active, cancelled, refunded, moved and
 * denied; rewards approved, pending and denied; every suspicion value. v1 sends no event for a status
 * change as such: a status shows in the next snapshot an event carries (see promoterBlocked,
 * leadCancelled, leadDenied).
 */
import type { Rng } from "./prng.ts";
import {
  type Campaign, type Lead, type LeadState, type Promoter, type RewardRule, balances, campaignSnapshot, createCampaigns, emailFor, idSequence,
  leadSnapshot, person, PLANS, profileFor, promoterSnapshot, promotionSnapshot, referralLink, rewardAmount, SUSPICIONS, token,
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
  has(item: T) { return this.index.has(item); }
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
    blockedCount: 0,
    leadCount: 0,
    cancelledCount: 0,
    pending: new Bucket<Promoter>(),
    active: new Bucket<Promoter>(),
    activeByCampaign: new Map(campaigns.map((c) => [c, new Bucket<Promoter>()])),
    signups: new Bucket<Lead>(),
    referrals: new Bucket<Lead>(),
    customers: new Bucket<Lead>(),
    recurring: new Bucket<Lead>(),
    /** Customers FirstPromoter flagged as suspicious, awaiting its review (leadDenied). */
    flagged: new Bucket<Lead>(),
    /** Each promoter's renewing customers, in the order they came. */
    renewingOf: new Map<Promoter, Lead[]>(),
    /** Active promoters with a renewing customer (whose renewal can show a block: promoterBlocked). */
    blockable: new Bucket<Promoter>(),
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
  // The first promoters join one campaign each, so every campaign (and its kind of reward: the review
  // queue's free months and credits too) has someone from the start; then the main (cash) campaign draws most.
  const early = w.promoterCount < w.campaigns.length;
  const mainCampaign = w.campaigns[0];
  if (!mainCampaign) throw new Error("the simulated world has no campaign");
  const campaign: Campaign = early ? (w.campaigns[w.promoterCount] ?? mainCampaign) : rng.chance(0.55) ? mainCampaign : rng.pick(w.campaigns.slice(1));
  const refId = uniqueRefId(w);
  const p: Promoter = {
    id: w.ids.promoter(), email: emailFor(rng, first, last, ++w.promoterCount), refId, status: "pending",
    createdAt: shortlyBefore(w, at), tempPassword: `${token(rng, 3, "ABCDEFGHJKLMNPQRSTUVWXYZ")}-${token(rng, 2, "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ")}`,
    profile: profileFor(rng, first, last), promotion: { id: w.ids.promotion(), refId, campaign }, earnings: {}, paid: {},
  };
  // Some later applications are never reviewed while the stream runs: they stay pending.
  if (early || rng.chance(0.8)) w.pending.add(p);
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
    suspicion: rng.chance(0.86) ? "no_suspicion" : rng.pick(SUSPICIONS.slice(1)),
    customFields: rng.chance(0.3) ? { utm_source: rng.pick(["newsletter", "youtube", "blog", "twitter"]), coupon: rng.pick(["SPRING20", "WELCOME", "none"]) } : null,
    promoter: referrer(w),
  };
  // FirstPromoter holds a flagged lead for review.
  if (lead.suspicion !== "no_suspicion") lead.state = "pending";
  w.signups.add(lead);
  return { type: "lead_signup", data: leadSnapshot(lead) };
}

/** Most leads come through the main (cash) campaign, whichever promoters happen to be active. */
function referrer(w: World): Promoter {
  const { rng, campaigns } = w;
  const main = campaigns[0];
  const preferred = main && rng.chance(0.5) ? w.activeByCampaign.get(main) : campaigns.length > 1 ? w.activeByCampaign.get(rng.pick(campaigns.slice(1))) : undefined;
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
  if (lead.suspicion !== "no_suspicion") w.flagged.add(lead);
  if (lead.promoter.promotion.campaign.recurring) {
    w.recurring.add(lead);
    const renewing = w.renewingOf.get(lead.promoter) ?? [];
    renewing.push(lead);
    w.renewingOf.set(lead.promoter, renewing);
    if (lead.promoter.status === "active") w.blockable.add(lead.promoter);
  }
  for (const r of lead.promoter.promotion.campaign.onConversion(rng)) w.followUps.push((w2, t) => rewardCreated(w2, t, lead, r));
  return { type: "new_customer", data: leadSnapshot(lead) };
}

/** A renewal of a customer on a recurring-commission campaign. */
export function renewal(w: World, at: number): Emitted {
  const lead = w.recurring.random(w.rng);
  // A blocked promoter's customers earn them nothing more: drop this one and draw another event.
  if (lead.promoter.status === "blocked") {
    w.recurring.remove(lead);
    return nextEvent(w, at);
  }
  return rewardCreated(w, at, lead, lead.promoter.promotion.campaign.main);
}

export function rewardCreated(w: World, at: number, lead: Lead, r: RewardRule): Emitted {
  const { rng } = w;
  const p = lead.promoter;
  const amount = rewardAmount(r, lead.price);
  const status =
    // A blocked promoter earns nothing, nor does a self-referral (the lead used the promoter's email).
    p.status === "blocked" || lead.suspicion === "same_promoter_email" ? "denied"
    // Other flagged leads' rewards wait for FirstPromoter's review.
    : lead.suspicion !== "no_suspicion" ? "pending"
    // Rewards delivered by hand (a free month, a credit) are approved at once, waiting only for the
    // delivery (fulfilment_pending); a fifth of the others wait for the program's own approval.
    : r.fulfil || rng.chance(0.8) ? "approved" : "pending";
  // A denied reward adds nothing to the balances.
  if (status !== "denied") p.earnings[r.unit] = (p.earnings[r.unit] ?? 0) + amount;
  const { earnings_balance, current_balance } = balances(p);
  if ((current_balance?.cash ?? 0) >= 5000) w.payable.add(p);
  // The fulfilment is this reward (one FirstPromoter id: v1's fulfilment id is v2's commission id, the README's assumption).
  if (r.fulfil && status === "approved") w.followUps.push((w2, t) => fulfilmentPending(w2, t, p, r, amount, rewardId));
  const { id, campaign_id, campaign_name, referral_link } = promotionSnapshot(p);
  const rewardId = w.ids.reward();
  return {
    type: "reward_created",
    data: {
      id: rewardId, status, amount, unit: r.unit, created_at: shortlyBefore(w, at), conversion_amount: lead.price, tier_level: 1,
      lead: { id: lead.id, state: lead.state, email: lead.email, customer_since: lead.customerSince },
      promoter: { id: p.id, status: p.status, email: p.email, earnings_balance, current_balance },
      promotion: { id, campaign_id, campaign_name, referral_link },
    },
  };
}

export function fulfilmentPending(w: World, at: number, p: Promoter, r: RewardRule, amount: number, rewardId: number): Emitted {
  // Drawn and unused: keeps every seeded stream as it was before fulfilments took their reward's id.
  w.ids.fulfilment();
  return {
    type: "fulfilment_pending",
    data: {
      id: rewardId, status: "pending", amount, unit: r.unit, created_at: shortlyBefore(w, at),
      has_issues: w.rng.chance(0.05), due_date: iso(at + 14 * DAY), date_paid: null,
      reward: { id: r.id, type: r.type, unit: r.unit, name: r.name },
      promoter: { id: p.id, status: p.status, email: p.email, current_balance: balances(p).current_balance },
      campaign: campaignSnapshot(p.promotion.campaign),
    },
  };
}

/**
 * How customers leave, in turn (a fixed rotation rather than a draw, so even a short stream shows
 * each): most cancel, some are refunded, some are moved to another promoter.
 */
const LEAVING: LeadState[] = ["cancelled", "cancelled", "refunded", "cancelled", "moved", "cancelled", "refunded", "cancelled"];

/** A customer leaves. FirstPromoter documents these states but not which v1 event carries each: lead_cancelled here. */
export function leadCancelled(w: World, at: number): Emitted {
  const lead = w.customers.take(w.rng);
  return leaving(lead, LEAVING[w.cancelledCount++ % LEAVING.length] as LeadState, at, w);
}

/** FirstPromoter's review of a flagged customer denies it (the lead no longer counts for its promoter). */
export function leadDenied(w: World, at: number): Emitted {
  const lead = w.flagged.take(w.rng);
  w.customers.remove(lead);
  return leaving(lead, "denied", at, w);
}

function leaving(lead: Lead, state: LeadState, at: number, w: World): Emitted {
  w.recurring.remove(lead);
  w.flagged.remove(lead);
  if (!renewingLead(w, lead.promoter)) w.blockable.remove(lead.promoter);
  Object.assign(lead, { state, cancelledAt: shortlyBefore(w, at) });
  return { type: "lead_cancelled", data: leadSnapshot(lead) };
}

/**
 * FirstPromoter blocks a promoter (after a fraud review). v1 has no event for it: the block shows in
 * the next snapshot of the promoter, here the renewal of one of their customers, whose reward is
 * denied. Their leads stay, and later events about them carry the blocked status too.
 */
export function promoterBlocked(w: World, at: number): Emitted {
  // Promoters alike, whatever their number of customers (picking a customer would mostly pick the busiest).
  const p = w.blockable.take(w.rng);
  p.status = "blocked";
  w.blockedCount++;
  w.active.remove(p);
  w.activeByCampaign.get(p.promotion.campaign)?.remove(p);
  w.payable.remove(p);
  return rewardCreated(w, at, renewingLead(w, p) as Lead, p.promotion.campaign.main);
}

/** One of the promoter's customers who still renew, if any. */
function renewingLead(w: World, p: Promoter): Lead | undefined {
  return w.renewingOf.get(p)?.find((l) => w.recurring.has(l));
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
    promoterSignedUp: w.promoterCount < w.campaigns.length ? 100 : 4,
    promoterAccepted: w.pending.size > 0 ? 5 : 0,
    leadSignup: w.active.size > 0 ? 30 : 0,
    leadBecomesReferral: w.signups.size > 0 ? 18 : 0,
    newCustomer: w.referrals.size > 0 ? 12 : 0,
    renewal: w.recurring.size > 0 ? 8 : 0,
    leadCancelled: w.customers.size > 0 ? 3 : 0,
    leadDenied: w.flagged.size > 0 ? 1.5 : 0,
    // Rarely, and never the last few active promoters: new leads need someone to refer them.
    promoterBlocked: w.blockable.size > 0 && w.active.size > 3 && w.blockedCount < w.promoterCount / 15 ? 0.6 : 0,
    payoutCreated: w.payable.size > 0 ? 1.2 : 0,
  });
  const actions: Record<typeof kind, Action> = {
    promoterSignedUp, promoterAccepted, leadSignup, leadBecomesReferral, newCustomer, renewal, leadCancelled, leadDenied, promoterBlocked, payoutCreated,
  };
  return actions[kind](w, at);
}
