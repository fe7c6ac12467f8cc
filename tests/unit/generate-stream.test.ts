import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Delivery, generateStream } from "@/lib/simulator/generate-stream.ts";

const NOW = new Date("2025-06-01T12:00:00.000Z");
const DAY = 86_400_000;
const base = (over: Partial<Parameters<typeof generateStream>[0]> = {}) => generateStream({ seed: 42, events: 600, now: NOW, ...over });
const types = (s: Delivery[]) => s.map((d) => d.body.event.type);
type Obj = Record<string, unknown>;
const obj = (v: unknown) => v as Obj;

const LEAD_TYPES = ["lead_signup", "lead_becomes_referral", "new_customer", "lead_cancelled"];
const PROMOTION = ["id", "status", "ref_id", "campaign_id", "campaign_name", "referral_link"];
const BALANCES = ["earnings_balance", "current_balance", "paid_balance"];
const PROFILE = ["first_name", "last_name", "website", "company_name", "country"];
const prefixed = (p: string, keys: string[]) => keys.map((k) => `${p}.${k}`);
const LEAD = [
  "id", "state", "email", "uid", "customer_since", "cancelled_at", "plan_name", "suspicion", "created_at", "promotion", "promoter",
  ...prefixed("promotion", [...PROMOTION, "current_referral_reward"]),
  ...prefixed("promotion.current_referral_reward", ["id", "amount", "type", "unit", "name", "per_of_sale"]),
  ...prefixed("promoter", ["id", "status", "email", "default_ref_id", ...BALANCES, "profile"]),
  ...prefixed("promoter.profile", PROFILE),
];
const SIGNUP = [
  ...prefixed("promoter", ["id", "status", "email", "created_at", "temp_password", "default_ref_id", ...BALANCES, "profile"]),
  ...prefixed("promoter.profile", PROFILE),
  "promotions", ...prefixed("promotions.0", PROMOTION),
];
/** Key paths each type's data must carry: those of the documented examples (../shared/seeds/), and the docs' for promoter_accepted. */
const REQUIRED: Record<string, string[]> = {
  ...Object.fromEntries(LEAD_TYPES.map((t) => [t, LEAD])),
  promoter_signed_up: SIGNUP,
  promoter_signs_up: SIGNUP,
  promoter_accepted: [
    "state", ...prefixed("campaign", ["id", "name", "landing_url"]),
    ...prefixed("promoter", ["id", "status", "email", "default_ref_id", ...BALANCES]),
    ...prefixed("promotion", PROMOTION),
  ],
  reward_created: [
    "id", "status", "amount", "unit", "created_at", "conversion_amount", "tier_level",
    ...prefixed("lead", ["id", "state", "email", "customer_since"]),
    ...prefixed("promoter", ["id", "status", "email", "earnings_balance", "current_balance"]),
    ...prefixed("promotion", ["id", "campaign_id", "campaign_name", "referral_link"]),
  ],
  fulfilment_pending: [
    "id", "status", "amount", "unit", "created_at", "has_issues", "due_date", "date_paid",
    ...prefixed("reward", ["id", "type", "unit", "name"]),
    ...prefixed("promoter", ["id", "status", "email", "current_balance"]),
    ...prefixed("campaign", ["id", "name", "landing_url"]),
  ],
};

function at(data: unknown, keyPath: string): { present: boolean; value: unknown } {
  let cur: unknown = data;
  for (const key of keyPath.split(".")) {
    if (cur === null || typeof cur !== "object" || !(key in (cur as Obj))) return { present: false, value: undefined };
    cur = (cur as Obj)[key];
  }
  return { present: true, value: cur };
}

/** Every key path of a JSON value with its type; balance maps (keyed by unit) and custom fields are leaves. */
function shape(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (prefix) out.set(prefix, kind);
  if (kind === "array") (value as unknown[]).slice(0, 1).forEach((v) => shape(v, `${prefix}.0`, out));
  if (kind === "object" && !/(_balance|custom_fields)$/.test(prefix))
    for (const [k, v] of Object.entries(value as Obj)) shape(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** The top-level JSON objects of a text (the seeds are prose with example payloads in between). */
function jsonBlocks(text: string): string[] {
  const blocks: string[] = [];
  for (let start = text.search(/^\{$/m); start >= 0; ) {
    let depth = 0;
    let inString = false;
    let end = start;
    for (; end < text.length; end++) {
      const c = text[end];
      if (inString) { if (c === "\\") end++; else if (c === '"') inString = false; }
      else if (c === '"') inString = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) break;
    }
    blocks.push(text.slice(start, end + 1));
    const next = text.slice(end + 1).search(/^\{$/m);
    start = next < 0 ? -1 : end + 1 + next;
  }
  return blocks;
}

describe("generateStream", () => {
  const stream = base();

  it("is deterministic for a seed and options", () => {
    expect(base()).toEqual(stream);
    expect(base({ duplicates: 0.3, shuffle: true })).toEqual(base({ duplicates: 0.3, shuffle: true }));
    expect(base({ seed: 43 })).not.toEqual(stream);
    // Duplicates and shuffling draw from their own PRNG streams: the events themselves stay the same.
    expect(base({ duplicates: 0.3 }).slice(0, 600)).toEqual(stream);
  });

  it("gives every event a unique, increasing 8-digit id, and honours startEventId", () => {
    const ids = stream.map((d) => d.body.event.id);
    expect(new Set(ids).size).toBe(ids.length);
    ids.slice(1).forEach((id, i) => expect(id).toBeGreaterThan(ids[i]!));
    expect(String(ids[0])).toMatch(/^\d{8}$/);
    expect(base({ startEventId: 500 })[0]!.body.event.id).toBe(500);
  });

  it("dates events over the last ~60 days, strictly increasing", () => {
    const times = stream.map((d) => Date.parse(d.body.event.created_at));
    times.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(times[i]!));
    expect(times[0]!).toBeGreaterThanOrEqual(NOW.getTime() - 60 * DAY);
    expect(times[0]!).toBeLessThan(NOW.getTime() - 58 * DAY);
    expect(times.at(-1)!).toBeLessThan(NOW.getTime());
    expect(times.at(-1)!).toBeGreaterThan(NOW.getTime() - 2 * DAY);
    for (const d of stream) expect(new Date(d.body.event.created_at).toISOString()).toBe(d.body.event.created_at);
  });

  it("covers every v1 type, both promoter sign-up names, and an unknown type", () => {
    expect(new Set(types(stream))).toEqual(new Set([...Object.keys(REQUIRED), "payout_created"]));
    expect(types(generateStream({ seed: 1, events: 1, now: NOW }))).toEqual(["promoter_signed_up"]);
    expect(generateStream({ seed: 1, events: 0, now: NOW })).toEqual([]);
  });

  it("gives each type's data the fields the documented examples show", () => {
    for (const d of stream) {
      const missing = (REQUIRED[d.body.event.type] ?? []).filter((p) => !at(d.body.data, p).present);
      expect(missing, `${d.body.event.type} ${d.body.event.id}`).toEqual([]);
    }
  });

  const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/seeds");
  it.skipIf(!existsSync(seedDir))("matches the seed examples' key paths and value types", () => {
    const examples = new Map<string, Obj>();
    for (const file of readdirSync(seedDir)) {
      const text = readFileSync(path.join(seedDir, file), "utf8");
      for (const block of jsonBlocks(text)) {
        const body = JSON.parse(block) as { event: { type: string }; data: Obj };
        examples.set(body.event.type, body.data);
      }
    }
    expect(examples.size).toBeGreaterThanOrEqual(4);
    const exampleFor = (t: string) => examples.get(t) ?? examples.get(LEAD_TYPES.includes(t) ? "lead_signup" : t === "promoter_signs_up" ? "promoter_signed_up" : "");
    for (const d of stream) {
      const example = exampleFor(d.body.event.type);
      if (!example) continue;
      const generated = shape(d.body.data);
      for (const [p, kind] of shape(example)) {
        expect(generated.has(p), `${d.body.event.type}: ${p}`).toBe(true);
        const got = generated.get(p);
        if (kind !== "null" && got !== "null") expect(got, `${d.body.event.type}: ${p}`).toBe(kind);
      }
    }
  });

  it("keeps promoters' balances consistent with the rewards and payouts so far", () => {
    const state = new Map<number, { earnings: Record<string, number>; paid: Record<string, number> }>();
    const of = (id: number) => state.get(id) ?? state.set(id, { earnings: {}, paid: {} }).get(id)!;
    let checked = 0;
    for (const { body } of stream) {
      const data = body.data;
      const promoter = obj(data.promoter); // every type generated carries one
      const s = of(promoter.id as number);
      // A denied reward earns nothing.
      if (body.event.type === "reward_created" && data.status !== "denied") s.earnings[data.unit as string] = (s.earnings[data.unit as string] ?? 0) + (data.amount as number);
      if (body.event.type === "payout_created") s.paid[data.unit as string] = (s.paid[data.unit as string] ?? 0) + (data.amount as number);
      const units = Object.keys(s.earnings);
      const expected = {
        earnings_balance: units.length ? s.earnings : null,
        current_balance: units.length ? Object.fromEntries(units.map((u) => [u, s.earnings[u]! - (s.paid[u] ?? 0)])) : null,
        paid_balance: units.length ? Object.fromEntries(units.map((u) => [u, s.paid[u] ?? 0])) : null,
      };
      for (const key of BALANCES) if (key in promoter) expect(promoter[key], `${body.event.type} ${body.event.id} ${key}`).toEqual(expected[key as keyof typeof expected]);
      if (units.length) checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(stream.some((d) => d.body.event.type === "payout_created" && (d.body.data.amount as number) > 0)).toBe(true);
  });

  it("pays rewards in several units, mostly cash in cents", () => {
    const rewards = stream.filter((d) => d.body.event.type === "reward_created").map((d) => d.body.data);
    const units = rewards.map((r) => r.unit as string);
    expect([...new Set(units)].sort()).toEqual(["cash", "credits", "free_months", "points"]);
    expect(units.filter((u) => u === "cash").length).toBeGreaterThan(rewards.length / 3);
    for (const r of rewards) expect(Number.isInteger(r.amount) && (r.amount as number) > 0).toBe(true);
    expect(new Set(rewards.map((r) => r.status))).toEqual(new Set(["approved", "pending", "denied"]));
  });

  it("ends with every status FirstPromoter v1 documents, so each of the dashboard's filters has something to pick", () => {
    // What the projections end up with: each promoter's and lead's newest snapshot, every reward.
    const promoters = new Map<number, unknown>();
    const leads = new Map<number, unknown>();
    const suspicions = new Map<number, unknown>();
    const rewards = new Set<unknown>();
    for (const { body } of stream) {
      const data = body.data;
      const promoter = data.promoter as Obj | undefined;
      if (promoter) promoters.set(promoter.id as number, promoter.status);
      if (LEAD_TYPES.includes(body.event.type)) {
        leads.set(data.id as number, data.state);
        suspicions.set(data.id as number, data.suspicion);
      }
      if (body.event.type === "reward_created") rewards.add(data.status);
    }
    expect(new Set(promoters.values())).toEqual(new Set(["active", "pending", "blocked"]));
    expect(new Set(leads.values())).toEqual(new Set(["signup", "active", "cancelled", "refunded", "denied", "pending", "moved"]));
    expect(new Set(suspicions.values())).toEqual(new Set(["no_suspicion", "same_ip_suspicion", "same_promoter_email", "ad_source"]));
    expect(rewards).toEqual(new Set(["approved", "pending", "denied"]));
  });

  it("keeps statuses consistent: a blocked promoter earns nothing more and refers no one new, a flagged lead is held", () => {
    const blockedAt = new Map<number, number>();
    for (const [i, { body }] of stream.entries()) {
      const data = body.data;
      const promoter = data.promoter as Obj | undefined;
      if (promoter?.status === "blocked" && !blockedAt.has(promoter.id as number)) blockedAt.set(promoter.id as number, i);
      const since = promoter ? blockedAt.get(promoter.id as number) : undefined;
      if (since !== undefined) {
        expect(promoter?.status, `${body.event.type} ${body.event.id}`).toBe("blocked"); // never unblocked
        if (body.event.type === "reward_created") expect(data.status).toBe("denied");
        expect(body.event.type).not.toBe("lead_signup");
      }
      if (body.event.type === "lead_signup") expect(data.state).toBe(data.suspicion === "no_suspicion" ? "signup" : "pending");
    }
    expect(blockedAt.size).toBeGreaterThan(0);
    // The review queue has work: FirstPromoter sends fulfilment_pending for hand-delivered rewards.
    expect(types(stream).filter((t) => t === "fulfilment_pending").length).toBeGreaterThan(10);
  });

  it("uses realistic ids, unique per entity", () => {
    const ids = (type: string[], get: (data: Obj) => unknown) =>
      stream.filter((d) => type.includes(d.body.event.type)).map((d) => get(d.body.data) as number);
    const promoters = ids(["promoter_signed_up", "promoter_signs_up"], (d) => obj(d.promoter).id);
    const promotions = ids(["promoter_signed_up", "promoter_signs_up"], (d) => obj((d.promotions as unknown[])[0]).id);
    const refIds = ids(["promoter_signed_up", "promoter_signs_up"], (d) => obj(d.promoter).default_ref_id);
    const leads = ids(["lead_signup"], (d) => d.id);
    const rewards = ids(["reward_created"], (d) => d.id);
    const fulfilments = ids(["fulfilment_pending"], (d) => d.id);
    for (const list of [promoters, promotions, refIds, leads, rewards, fulfilments]) expect(new Set(list).size).toBe(list.length);
    for (const id of [...promoters, ...promotions, ...leads, ...rewards, ...fulfilments]) expect(String(id)).toMatch(/^\d{7,8}$/);
  });

  it("moves each lead through its life cycle in order", () => {
    const order = new Map<number, string[]>();
    for (const d of stream) if (LEAD_TYPES.includes(d.body.event.type)) order.set(d.body.data.id as number, [...(order.get(d.body.data.id as number) ?? []), d.body.event.type]);
    for (const seq of order.values()) expect(LEAD_TYPES.slice(0, seq.length)).toEqual(seq);
    expect([...order.values()].some((seq) => seq.length === 4)).toBe(true);
  });

  it("appends the requested fraction of identical re-deliveries, mostly fulfilment_pending", () => {
    const withDups = base({ duplicates: 0.3 });
    expect(withDups).toHaveLength(600 + 180);
    const originals = new Map(stream.map((d) => [d.body.event.id, d]));
    const extra = withDups.slice(600);
    for (const d of extra) expect(d).toEqual(originals.get(d.body.event.id));
    const share = (s: Delivery[]) => s.filter((d) => d.body.event.type === "fulfilment_pending").length / s.length;
    expect(share(extra)).toBeGreaterThan(share(stream) + 0.2);
    expect(extra[0]).not.toBe(originals.get(extra[0]!.body.event.id)); // copies, not shared objects
  });

  it("shuffles the order but not the multiset", () => {
    const plain = base({ duplicates: 0.2 });
    const shuffled = base({ duplicates: 0.2, shuffle: true });
    expect(shuffled.map((d) => d.body.event.id)).not.toEqual(plain.map((d) => d.body.event.id));
    const sorted = (s: Delivery[]) => s.map((d) => JSON.stringify(d)).sort();
    expect(sorted(shuffled)).toEqual(sorted(plain));
  });

  it("rejects invalid options", () => {
    expect(() => generateStream({ seed: 1, events: -1 })).toThrow(RangeError);
    expect(() => generateStream({ seed: 1, events: 1.5 })).toThrow(RangeError);
    expect(() => generateStream({ seed: 1, events: 10, duplicates: 2 })).toThrow(RangeError);
    expect(() => generateStream({ seed: 1.5, events: 10 })).toThrow(RangeError);
  });
});
