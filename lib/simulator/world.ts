/**
 * The simulated affiliate program behind generateStream: campaigns, promoters, leads and their
 * balances, and the snapshots FirstPromoter v1 puts in webhook payloads (shapes from the documented
 * examples in ../shared/seeds/).
 */
import type { Rng } from "./prng.ts";

export type Unit = "cash" | "free_months" | "credits" | "points";
export type Balances = Partial<Record<Unit, number>>;

export type RewardRule = {
  id: number;
  type: "per_referral" | "per_promotion";
  unit: Unit;
  name: string;
  /** Flat amount in the unit's smallest step; used when per_of_sale is 0. */
  amount: number;
  per_of_sale: number;
  /** Non-cash rewards are delivered by hand: FirstPromoter sends fulfilment_pending for them. */
  fulfil: boolean;
};

export type Campaign = {
  id: number;
  name: string;
  landing_url: string;
  /** Shown as the promotion's current_referral_reward. */
  main: RewardRule;
  /** Rewards issued when a lead becomes a customer. */
  onConversion(rng: Rng): RewardRule[];
  /** Recurring commission: every renewal of a customer earns `main` again. */
  recurring: boolean;
};

/** Every promoter status FirstPromoter v1 documents. */
export type PromoterStatus = "pending" | "active" | "blocked";

export type Promoter = {
  id: number; email: string; refId: string; status: PromoterStatus; createdAt: string; tempPassword: string;
  profile: { first_name: string; last_name: string; website: string | null; company_name: string | null; country: string };
  promotion: { id: number; refId: string; campaign: Campaign };
  earnings: Balances;
  paid: Balances;
};

/** Every lead state FirstPromoter v1 documents. */
export type LeadState = "signup" | "active" | "cancelled" | "refunded" | "denied" | "pending" | "moved";

/** FirstPromoter's fraud flags on a lead: none, or what looked suspicious. */
export const SUSPICIONS = ["no_suspicion", "same_ip_suspicion", "same_promoter_email", "ad_source"] as const;

export type Lead = {
  id: number; email: string; uid: string; state: LeadState; createdAt: string;
  customerSince: string | null; cancelledAt: string | null; planName: string | null; price: number;
  suspicion: (typeof SUSPICIONS)[number]; customFields: Record<string, string> | null; promoter: Promoter;
};

const FIRST = ["Jane", "Omar", "Lucía", "Wei", "Amara", "Tom", "Priya", "Lars", "Chloé", "Kenji", "Fatima", "Noah", "Ines", "Mateo", "Sara", "Jonas", "Aisha", "Luca", "Mia", "Arjun"];
const LAST = ["Smith", "Haddad", "García", "Chen", "Okafor", "Becker", "Sharma", "Nilsson", "Martin", "Sato", "Khan", "Brown", "Costa", "Rossi", "Novak", "Meyer", "Diallo", "Ricci", "Kim", "Patel"];
const COUNTRIES = ["US", "US", "US", "GB", "DE", "FR", "ES", "IN", "CA", "AU", "NL", "BR", "JP", "SE"];
const COMPANY_SUFFIX = ["Media", "Labs", "Digital", "Reviews", "Consulting", "Studio"];
const MAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com"];
export const PLANS = [
  { name: "Starter", price: 2900 },
  { name: "Pro", price: 7900 },
  { name: "Business", price: 19900 },
] as const;

/** Increasing, unique ids of realistic size: base plus random gaps (other accounts share FirstPromoter's id space). */
export function idSequence(rng: Rng, base: number, spread = 999_999, maxGap = 60): () => number {
  let current = base + rng.int(0, spread);
  return () => (current += rng.int(1, maxGap));
}

function rule(rng: Rng, r: Omit<RewardRule, "id">): RewardRule {
  return { id: rng.int(100_000, 199_999), ...r };
}

/** 2–3 campaigns, the main (cash) one first; together their rewards use cash (mostly), points, free_months and credits. */
export function createCampaigns(rng: Rng): Campaign[] {
  const ids = idSequence(rng, 13_000, 4_000, 900);
  const commission = rule(rng, { type: "per_referral", unit: "cash", name: "20% recurring commission", amount: 0, per_of_sale: 20, fulfil: false });
  const points = rule(rng, { type: "per_referral", unit: "points", name: "Launch bonus points", amount: 250, per_of_sale: 0, fulfil: false });
  const freeMonth = rule(rng, { type: "per_promotion", unit: "free_months", name: "Free subscription months", amount: 1, per_of_sale: 0, fulfil: true });
  const credit = rule(rng, { type: "per_promotion", unit: "credits", name: "$25 account credit", amount: 2500, per_of_sale: 0, fulfil: true });
  const campaigns: Campaign[] = [
    { id: ids(), name: "Main Campaign", landing_url: "https://www.example.com", main: commission, recurring: true,
      onConversion: (r) => (r.chance(0.3) ? [commission, points] : [commission]) },
    { id: ids(), name: "Customer Referrals", landing_url: "https://www.example.com/refer", main: freeMonth, recurring: false,
      onConversion: (r) => [r.chance(0.65) ? freeMonth : credit] },
  ];
  if (rng.chance(0.6)) {
    const flat = rule(rng, { type: "per_referral", unit: "cash", name: "$50 per new customer", amount: 5000, per_of_sale: 0, fulfil: false });
    campaigns.push({ id: ids(), name: "Partner Program", landing_url: "https://partners.example.com", main: flat, recurring: false, onConversion: () => [flat] });
  }
  return campaigns;
}

export function rewardAmount(r: RewardRule, conversionAmount: number): number {
  return r.per_of_sale > 0 ? Math.round((conversionAmount * r.per_of_sale) / 100) : r.amount;
}

const ALPHANUM = "abcdefghijklmnopqrstuvwxyz0123456789";
export function token(rng: Rng, length: number, alphabet = ALPHANUM): string {
  let s = "";
  for (let i = 0; i < length; i++) s += alphabet.charAt(rng.int(0, alphabet.length - 1));
  return s;
}

export function person(rng: Rng) {
  return { first: rng.pick(FIRST), last: rng.pick(LAST) };
}

export function emailFor(rng: Rng, first: string, last: string, n: number): string {
  const local = `${first}.${last}`.normalize("NFD").replace(/[^A-Za-z.]/g, "").toLowerCase();
  return `${local}${n}@${rng.pick(MAIL_DOMAINS)}`;
}

export function profileFor(rng: Rng, first: string, last: string): Promoter["profile"] {
  const slug = `${first}${last}`.normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase();
  return {
    first_name: first,
    last_name: last,
    website: rng.chance(0.7) ? `https://www.${slug}.example` : null,
    company_name: rng.chance(0.6) ? `${last} ${rng.pick(COMPANY_SUFFIX)}` : null,
    country: rng.pick(COUNTRIES),
  };
}

/** current = earnings − paid, per unit; every map null until the promoter has earned anything. */
export function balances(p: Promoter) {
  const units = Object.keys(p.earnings) as Unit[];
  if (units.length === 0) return { earnings_balance: null, current_balance: null, paid_balance: null };
  const pick = (f: (u: Unit) => number) => Object.fromEntries(units.map((u) => [u, f(u)]));
  return {
    earnings_balance: pick((u) => p.earnings[u] ?? 0),
    current_balance: pick((u) => (p.earnings[u] ?? 0) - (p.paid[u] ?? 0)),
    paid_balance: pick((u) => p.paid[u] ?? 0),
  };
}

export const referralLink = (p: Promoter) => `${p.promotion.campaign.landing_url}?_get=${p.promotion.refId}`;

export const campaignSnapshot = (c: Campaign) => ({ id: c.id, name: c.name, landing_url: c.landing_url });

export function promotionSnapshot(p: Promoter) {
  const { main, id: campaign_id, name: campaign_name } = p.promotion.campaign;
  return {
    id: p.promotion.id, status: "offer_running", ref_id: p.promotion.refId, campaign_id, campaign_name, referral_link: referralLink(p),
    current_referral_reward: { id: main.id, amount: main.amount, type: main.type, unit: main.unit, name: main.name, per_of_sale: main.per_of_sale },
  };
}

export function promoterSnapshot(p: Promoter) {
  return { id: p.id, status: p.status, email: p.email, default_ref_id: p.refId, ...balances(p), profile: p.profile };
}

/** The lead object as in the lead_signup example; the same shape for every lead_* event and new_customer. */
export function leadSnapshot(l: Lead) {
  return {
    id: l.id, state: l.state, email: l.email, uid: l.uid, customer_since: l.customerSince, cancelled_at: l.cancelledAt,
    plan_name: l.planName, suspicion: l.suspicion, created_at: l.createdAt,
    ...(l.customFields ? { custom_fields: l.customFields } : {}),
    promotion: promotionSnapshot(l.promoter),
    promoter: promoterSnapshot(l.promoter),
  };
}
