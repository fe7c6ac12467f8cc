/**
 * The simulated program told in FirstPromoter's v2 webhooks: each v1 event the world emits (events.ts)
 * becomes the v2 events FirstPromoter's current platform sends for the same change, with the shapes of
 * FirstPromoter's docs (webhooks-v2/payload.mdx, non-monetary-rewards.mdx) and the v2 entity schemas:
 * promoter.created, promoter_campaign.* (accepted, blocked), referral.* (created, updated, converted,
 * cancelled, deleted), commission.created, promoter.balance.updated, payout.* and payout.commissions.added.
 * Ids are the world's (v1 and v2 name one record by one id: the README's id assumption), so a stream
 * that switches from v1 to v2 midway tells one story.
 *
 * Like FirstPromoter's examples, `data` is often partial (a commission without its promoter, an
 * update without the referral's campaign), `changes` lists [old, new] for updates, and timestamps have
 * whole seconds (kept increasing per entity, as one entity's changes are seconds apart at least).
 */
import type { Rng } from "./prng.ts";

export type V2Action = "created" | "updated" | "deleted";
export type V2Body = {
  event_id: string;
  event_type: string;
  action: V2Action;
  entity_type: string;
  entity_id: number;
  changes: Record<string, [unknown, unknown]>;
  data: Record<string, unknown>;
  timestamp: string;
};

type Json = Record<string, unknown>;
const NON_MONETARY = new Set(["credits", "points", "free_months", "mon_discount", "discount_per"]);
const STATE_OF: Record<string, string> = { active: "accepted", pending: "pending", blocked: "blocked" };

/** A random v4 UUID from the seeded stream. */
export function uuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = "4";
  hex[16] = (8 + rng.int(0, 3)).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const seconds = (iso: string | null | undefined) => (iso ? new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().replace(".000Z", "Z") : null);

export class V2Translator {
  /** Each entity's last data (for `changes`) and last second (kept increasing). */
  private last = new Map<string, { data: Json; second: number }>();
  private promoterStatus = new Map<number, string>();
  private payoutId: number;

  constructor(private readonly rng: Rng) {
    this.payoutId = rng.int(7_000_000, 7_500_000);
  }

  /** The v2 events for one v1 event at `at` (ms). */
  translate(type: string, data: Json, at: number): V2Body[] {
    switch (type) {
      case "promoter_signed_up":
      case "promoter_signs_up":
        return this.promoterSignedUp(data, at);
      case "promoter_accepted":
        return [this.membership(data.promotion as Json, data.promoter as Json, "accepted", at)];
      case "lead_signup":
        return [this.referral(data, at, "created")];
      case "lead_becomes_referral":
        return [this.referral(data, at, "updated")];
      case "new_customer":
        return [this.referral(data, at, this.rng.chance(0.5) ? "converted" : "updated")];
      case "lead_cancelled":
        return this.leadLeft(data, at);
      case "reward_created":
        return this.commission(data, at);
      case "fulfilment_pending":
        return this.payoutForFulfilment(data, at);
      case "payout_created":
        return this.cashPayout(data, at);
      default:
        return [];
    }
  }

  private event(entity: string, eventType: string, action: V2Action, data: Json, at: number, entityType = entity): V2Body {
    const key = `${entity}:${String(data.id)}`;
    const prev = this.last.get(key);
    const second = Math.max(Math.floor(at / 1000), prev ? prev.second + 1 : 0);
    const merged = { ...(prev?.data ?? {}), ...data };
    const changes: Record<string, [unknown, unknown]> = {};
    if (action === "updated" && prev) {
      for (const [k, v] of Object.entries(data)) {
        const old = prev.data[k];
        if (typeof v !== "object" && old !== v) changes[k] = [old ?? null, v];
      }
    }
    this.last.set(key, { data: merged, second });
    return {
      event_id: uuid(this.rng),
      event_type: eventType,
      action,
      entity_type: entityType,
      entity_id: Number(data.id),
      changes,
      data,
      timestamp: new Date(second * 1000).toISOString().replace(".000Z", "Z"),
    };
  }

  private promoterSignedUp(data: Json, at: number): V2Body[] {
    const p = data.promoter as Json;
    const promo = ((data.promotions as Json[] | undefined) ?? [])[0];
    const profile = (p.profile as Json | undefined) ?? {};
    this.promoterStatus.set(Number(p.id), String(p.status));
    const campaigns = promo ? [this.membershipData(promo, p, STATE_OF[String(p.status)] ?? "pending")] : [];
    return [
      this.event("promoter", "promoter.created", "created", {
        id: p.id,
        email: p.email,
        name: [profile.first_name, profile.last_name].filter(Boolean).join(" "),
        cust_id: null,
        joined_at: seconds(p.created_at as string),
        // A credential, as FirstPromoter sends it: Ledger must not store it.
        password_setup_url: `https://app.firstpromoter.com/setup?token=${uuid(this.rng)}`,
        balances: {},
        profile: { ...profile, company_name: "", phone_number: "", address: "", avatar: "" },
        promoter_campaigns: campaigns,
      }, at),
    ];
  }

  private membershipData(promo: Json, promoter: Json, state: string): Json {
    return {
      id: promo.id,
      campaign_id: promo.campaign_id,
      promoter_id: promoter.id,
      state,
      ref_token: promo.ref_id,
      ref_link: promo.referral_link,
      ...(promo.campaign_name ? { campaign: { id: promo.campaign_id, name: promo.campaign_name } } : {}),
    };
  }

  private membership(promo: Json, promoter: Json, state: string, at: number): V2Body {
    this.promoterStatus.set(Number(promoter.id), String(promoter.status));
    const data = this.membershipData(promo, promoter, state);
    return this.event("promoter_campaign", `promoter_campaign.${state}`, "updated", data, at, this.rng.chance(0.5) ? "PromoterCampaign" : "promoter_campaign");
  }

  private referralData(lead: Json, partial: boolean): Json {
    const promo = lead.promotion as Json | undefined;
    const promoter = lead.promoter as Json | undefined;
    return {
      id: lead.id,
      email: lead.email,
      uid: lead.uid || null,
      state: lead.state,
      fraud_check: lead.suspicion,
      customer_since: seconds(lead.customer_since as string | null),
      cancelled_at: seconds(lead.cancelled_at as string | null),
      plan_name: lead.plan_name ?? null,
      created_at: seconds(lead.created_at as string),
      ...(!partial && promo && promoter ? { promoter_campaign: { id: promo.id, campaign_id: promo.campaign_id, promoter_id: promoter.id, ref_token: promo.ref_id } } : {}),
    };
  }

  private referral(lead: Json, at: number, verb: "created" | "updated" | "converted"): V2Body {
    // An update often leaves the referral's campaign out (the docs' referral.updated does).
    const data = this.referralData(lead, verb !== "created" && this.rng.chance(0.6));
    return this.event("referral", `referral.${verb}`, verb === "created" ? "created" : "updated", data, at);
  }

  private leadLeft(lead: Json, at: number): V2Body[] {
    const referral = this.referral(lead, at, "updated");
    if (lead.state === "cancelled") referral.event_type = "referral.cancelled";
    const out = [referral];
    // Some denied referrals are deleted in FirstPromoter afterwards.
    if (lead.state === "denied" && this.rng.chance(0.4)) out.push(this.event("referral", "referral.deleted", "deleted", this.referralData(lead, false), at + 60_000));
    return out;
  }

  private commission(r: Json, at: number): V2Body[] {
    const lead = r.lead as Json;
    const promoter = r.promoter as Json;
    const promo = r.promotion as Json;
    const out: V2Body[] = [];
    // A promoter's block shows in v2 as its own event (v1 shows it only in the next snapshot).
    const status = String(promoter.status);
    if (this.promoterStatus.get(Number(promoter.id)) !== status) {
      this.promoterStatus.set(Number(promoter.id), status);
      if (status === "blocked") out.push(this.membership({ ...promo, ref_id: undefined }, promoter, "blocked", at - 1000));
    }
    out.push(
      this.event("commission", "commission.created", "created", {
        id: r.id,
        status: r.status,
        amount: r.amount,
        unit: r.unit,
        is_paid: false,
        sale_amount: r.conversion_amount,
        tier: r.tier_level,
        created_at: seconds(r.created_at as string),
        referral: { id: lead.id, email: lead.email },
        // Often without its promoter, as in the docs' examples.
        ...(this.rng.chance(0.7) ? { promoter: { id: promoter.id, email: promoter.email } } : {}),
        promoter_campaign: { id: promo.id, campaign_id: promo.campaign_id, promoter_id: promoter.id },
      }, at),
    );
    const earnings = promoter.earnings_balance as Json | null;
    if (earnings && r.status !== "denied") {
      out.push(this.event("promoter", "promoter.balance.updated", "updated", { id: promoter.id, email: promoter.email, balances: earnings }, at + 1000));
    }
    return out;
  }

  /** v1's fulfilment_pending (an approved non-monetary reward): in v2, its payout and the payout's link to the commission. */
  private payoutForFulfilment(f: Json, at: number): V2Body[] {
    const promoter = f.promoter as Json;
    const campaign = f.campaign as Json | undefined;
    const id = this.payoutId++;
    const day = new Date(at);
    const period = { start: Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1), end: Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1) - 1000 };
    return [
      this.event("payout", "payout.created", "created", {
        id,
        status: "pending",
        amount: f.amount,
        unit: f.unit,
        payments_batch_id: null,
        period_start: seconds(new Date(period.start).toISOString()),
        period_end: seconds(new Date(period.end).toISOString()),
        paid_at: null,
        total_incl_tax: f.amount,
        created_at: seconds(new Date(at).toISOString()),
        promoter: { id: promoter.id, email: promoter.email },
        ...(campaign ? { campaign: { id: campaign.id, name: campaign.name } } : {}),
      }, at),
      // The link's payload is undocumented: a payout id and a commission id (the fulfilment is the commission).
      this.link(id, Number(f.id), at + 1000),
    ];
  }

  private link(payoutId: number, commissionId: number, at: number): V2Body {
    const e = this.event("payout_commission", "payout.commissions.added", "created", { id: commissionId, payout_id: payoutId, commission_id: commissionId }, at, "payout");
    delete e.data.id;
    e.entity_id = payoutId;
    return e;
  }

  /** A cash payout (v1: an unknown payout_created), created pending, then completed. */
  private cashPayout(p: Json, at: number): V2Body[] {
    const promoter = p.promoter as Json;
    const base = {
      id: p.id,
      amount: p.amount,
      unit: p.unit,
      payments_batch_id: null,
      total_incl_tax: p.amount,
      created_at: seconds(p.created_at as string),
      promoter: { id: promoter.id, email: promoter.email },
    };
    return [
      this.event("payout", "payout.created", "created", { ...base, status: "pending", paid_at: null }, at - 60_000),
      this.event("payout", "payout.completed", "updated", { ...base, status: "completed", paid_at: seconds(new Date(at).toISOString()) }, at),
    ];
  }
}

/** Whether a v2 commission body is a pending fulfilment in Ledger's queue (approved, non-monetary). */
export function isV2Fulfilment(body: V2Body): boolean {
  return body.entity_type === "commission" && body.data.status === "approved" && NON_MONETARY.has(String(body.data.unit));
}
