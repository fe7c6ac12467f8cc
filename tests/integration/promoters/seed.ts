// Test data for the promoters screen, delivered through the real webhook: a simulated stream (cash,
// points, free months and credits balances; pending promoters without any) plus hand-made deliveries
// for what the stream never makes: balances in discount_per and an unknown unit, ties on a balance
// and on the created time, zero and negative balances, a 15-digit amount, promoters without a created
// time or any balance, a promotion ref id other than the default one, and LIKE wildcards in an email.
// Also the expected-state readers the tests compare the screen's queries against.
import type { LedgerPool } from "@/lib/db/pool.ts";
import type pg from "pg";
import { generateStream } from "@/lib/simulator/generate-stream.ts";
import { type Body, deliverAll, envelope, post, rows } from "../webhook/helpers.ts";

export const NOW = new Date("2026-03-01T12:00:00.000Z");
export const HAND_CAMPAIGN = "777001";
/** The created time the tie promoters (and a few simulated ones) share. */
export const TIED_CREATED = "2026-02-01T00:00:00.000Z";

type Balances = Record<string, number | string>;

function promoter(id: number, o: { email: string; status?: string; created?: string | null; first?: string; last?: string; ref?: string; earnings?: Balances; current?: Balances; paid?: Balances }) {
  return {
    id,
    status: o.status ?? "active",
    email: o.email,
    ...(o.created === null ? {} : { created_at: o.created ?? "2026-01-20T09:00:00.000Z" }),
    default_ref_id: o.ref ?? `ref${id}`,
    earnings_balance: o.earnings ?? null,
    current_balance: o.current ?? null,
    paid_balance: o.paid ?? null,
    profile: { first_name: o.first ?? "Hand", last_name: o.last ?? `Made${id}`, website: "https://www.example.com", country: "DE", phone_number: "+49 30 1234" },
  };
}

let eventId = 95_000_000;
const accepted = (p: ReturnType<typeof promoter>, promotion?: { id: number; ref: string }, at = "2026-02-20T10:00:00.000Z"): Body =>
  envelope("promoter_accepted", ++eventId, at, {
    state: "accepted",
    campaign: { id: Number(HAND_CAMPAIGN), name: "Hand-made campaign", landing_url: "https://www.example.com" },
    promoter: p,
    ...(promotion
      ? { promotion: { id: promotion.id, status: "offer_running", ref_id: promotion.ref, campaign_id: Number(HAND_CAMPAIGN), referral_link: `https://www.example.com/?fpr=${promotion.ref}` } }
      : {}),
  });
const signedUp = (p: ReturnType<typeof promoter>): Body => envelope("promoter_signed_up", ++eventId, "2026-02-21T10:00:00.000Z", { promoter: p, promotions: [] });

export const HAND = {
  /** Several units incl. discount_per and an unknown one; a promotion ref id other than the default. */
  multi: 9500001,
  ties: [9500011, 9500012, 9500013, 9500014, 9500015],
  noBalance: [9500021, 9500022, 9500023],
  negative: 9500031,
  /** Named by a lead event only: no created_at, no balances (created falls back to first seen). */
  noCreated: 9500041,
  huge: 9500051,
  /** underxscore@…: must not match a search for "under_" (the underscore is literal). */
  wildcard: 9500061,
  /**
   * A 5,000-character incompressible last name: too long for a b-tree entry, so the search indexes
   * hold a prefix. (Not the ref id or email: the schema's plain indexes on those would refuse it.)
   */
  longName: 9500071,
} as const;

/** Letters from a fixed xorshift sequence: reproducible, and incompressible (an index entry cannot shrink it below the limit). */
export const LONG_NAME = (() => {
  let x = 2463534242;
  return Array.from({ length: 5000 }, () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return "abcdefghijklmnopqrstuvwxyz"[x % 26];
  }).join("");
})();

export function handMade(): Body[] {
  const bodies: Body[] = [
    accepted(
      promoter(HAND.multi, {
        email: "Under_Score@Example.COM", first: "Zoë", last: "O'Brien", ref: "HANDREF", created: "2026-01-15T08:00:00.000Z",
        earnings: { cash: 1000, discount_per: "12.5", mon_discount: 3 },
        current: { cash: 1000, discount_per: "12.5", mon_discount: 3 },
        paid: { cash: 0, discount_per: 0, mon_discount: 0 },
      }),
      { id: 9600001, ref: "altref" },
    ),
    ...HAND.ties.map((id, i) =>
      accepted(
        promoter(id, { email: `tie${i}@example.com`, created: TIED_CREATED, earnings: { cash: 2500, points: 100 }, current: { cash: 2500, points: 100 }, paid: { cash: 0, points: 0 } }),
        i < 2 ? { id: 9600011 + i, ref: `tie${i}` } : undefined,
      ),
    ),
    signedUp(promoter(HAND.noBalance[0], { email: "denied@example.com", status: "denied" })),
    signedUp(promoter(HAND.noBalance[1], { email: "blocked@example.com", status: "blocked" })),
    signedUp(promoter(HAND.noBalance[2], { email: "pending.nobalance@example.com", status: "pending", created: TIED_CREATED })),
    accepted(promoter(HAND.negative, { email: "negative@example.com", earnings: { cash: 0 }, current: { cash: -500 }, paid: { cash: 500 } })),
    envelope("lead_signup", ++eventId, "2026-02-22T10:00:00.000Z", {
      id: 9700001, email: "lead.of.nocreated@example.com", state: "signup", uid: "",
      promoter: { id: HAND.noCreated, email: "nocreated@example.com", status: "active" },
    }),
    accepted(promoter(HAND.huge, { email: "huge@example.com", earnings: { cash: "999999999999999", points: 0 }, current: { cash: "999999999999999", points: 0 }, paid: { cash: 0, points: 0 } })),
    accepted(promoter(HAND.wildcard, { email: "underxscore@example.com", first: "Under", last: "Score" })),
    accepted(promoter(HAND.longName, { email: "long.name@example.com", first: "Long", last: `Q${LONG_NAME}`, ref: "longref" })),
  ];
  return bodies;
}

/** The stream, the hand-made deliveries, and ties on the created time among simulated promoters too. */
export async function seedPromoters(pool: LedgerPool, opts: { events?: number } = {}): Promise<void> {
  for (const d of generateStream({ seed: 23, events: opts.events ?? 1400, now: NOW, duplicates: 0.05 })) {
    const res = await post(pool, d.body);
    if (res.status >= 300) throw new Error(`seed delivery answered ${res.status}`);
  }
  await deliverAll(pool, handMade());
  await pool.query(`UPDATE promoter SET fp_created_at = $1 WHERE id IN (SELECT id FROM promoter WHERE id < 9000000 ORDER BY id LIMIT 6)`, [TIED_CREATED]);
}

export type Expected = {
  id: string;
  status: string | null;
  email: string | null;
  first: string | null;
  last: string | null;
  ref: string | null;
  created: Date;
  /** `<unit>_<kind>` → exact amount text. */
  balances: Map<string, string>;
  campaigns: Set<string>;
  promotionRefs: string[];
};

/** Every promoter as the database holds it, read independently of the code under test. */
export async function readPromoters(pool: pg.Pool): Promise<Expected[]> {
  const ps = await rows<{ id: string; status: string | null; email: string | null; first_name: string | null; last_name: string | null; default_ref_id: string | null; created: Date }>(
    pool,
    "SELECT id::text, status, email, first_name, last_name, default_ref_id, COALESCE(fp_created_at, first_seen_at) AS created FROM promoter",
  );
  const balances = await rows<{ promoter_id: string; kind: string; unit: string; amount: string }>(pool, "SELECT promoter_id::text, kind::text, unit, amount::text FROM promoter_balance");
  const promotions = await rows<{ promoter_id: string; campaign_id: string | null; ref_id: string | null }>(
    pool,
    "SELECT promoter_id::text, campaign_id::text, ref_id FROM promotion WHERE promoter_id IS NOT NULL",
  );
  return ps.map((p) => ({
    id: p.id,
    status: p.status,
    email: p.email,
    first: p.first_name,
    last: p.last_name,
    ref: p.default_ref_id,
    created: p.created,
    balances: new Map(balances.filter((b) => b.promoter_id === p.id).map((b) => [`${b.unit}_${b.kind}`, b.amount])),
    campaigns: new Set(promotions.filter((x) => x.promoter_id === p.id && x.campaign_id).map((x) => x.campaign_id as string)),
    promotionRefs: promotions.filter((x) => x.promoter_id === p.id && x.ref_id).map((x) => x.ref_id as string),
  }));
}

/** Exact comparison of numeric(20,4) texts ("-500.0000" < "12.5000"), without floats. */
export function compareDecimal(a: string, b: string): number {
  const scaled = (s: string) => {
    const [whole = "0", frac = ""] = s.split(".");
    const negative = whole.startsWith("-");
    const digits = BigInt(whole.replace("-", "") + frac.padEnd(4, "0").slice(0, 4));
    return negative ? -digits : digits;
  };
  const d = scaled(a) - scaled(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export const compareId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
