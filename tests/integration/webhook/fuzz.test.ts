// Property-based: for every v1 event type, arbitrary mutations of a valid payload (types, sizes,
// depths, unicode with lone surrogates and NUL, duplicate keys, huge/negative/out-of-range numbers,
// unknown units, __proto__ keys, broken bytes) posted to the webhook route's own code
// (answerWebhook, which the route handlers call) against a real database. Whatever the body: never a
// 5xx, one delivery row per request, each answer the contract's, and nothing stored beyond the
// delivery row for a 400/413/415 (a 422 also stores the event as failed).
//
// A fixed seed and a run count that keeps `npm test` quick; `npm run fuzz -- --runs 5000` searches
// deeper with a new seed (printed; FUZZ_SEED=<seed> replays a failure, as fast-check's report says).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerWebhook } from "@/lib/events/answer-webhook.ts";
import { MAX_BODY_BYTES } from "@/lib/events/read-body.ts";
import { type Body, fixture, type Json, SECRET, SECRETS, tableCounts, useTestDatabase } from "./helpers.ts";

const ctx = useTestDatabase();

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

/** Every v1 type, each with a valid body to mutate. */
function validBody(type: string): Body {
  switch (type) {
    case "lead_becomes_referral":
    case "new_customer":
    case "lead_cancelled": {
      const b = fixture("lead_signup");
      b.event.type = type;
      return b;
    }
    case "promoter_signs_up": {
      const b = fixture("promoter_signed_up");
      b.event.type = type;
      return b;
    }
    case "promoter_accepted": {
      const lead = fixture("lead_signup");
      return { event: { id: 1, type, created_at: "2024-10-04T10:00:00.000Z" }, data: { state: "accepted", campaign: { id: 17476, name: "Campaign" }, promoter: lead.data.promoter, promotion: lead.data.promotion } };
    }
    default:
      return fixture(type as "lead_signup" | "promoter_signed_up" | "reward_created" | "fulfilment_pending");
  }
}
const TYPES = ["lead_signup", "lead_becomes_referral", "new_customer", "lead_cancelled", "promoter_signed_up", "promoter_signs_up", "promoter_accepted", "reward_created", "fulfilment_pending"];

/** Values that stand for raw JSON tokens a JS value cannot hold (1e131072…), spliced into the text after JSON.stringify. */
const RAW = (token: string) => `\u0001RAW:${token}\u0001`;
const spliceRaw = (text: string) => text.replace(/"\\u0001RAW:([^\\]*)\\u0001"/g, "$1");

const hostileNumber = fc.constantFrom("1e131072", "-1e131072", "1e-16384", "1e400", "-0", "1e308", "0.1e-16383", "1".repeat(200), "123456789012345678901234567890", "-9007199254740993", "1e131071");
const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }), // lone surrogates included
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udfffy", "<script>alert(1)</script>", "🙂".repeat(50), "'; DROP TABLE lead; --", "\u202e\u2066"),
  fc.string({ minLength: 300, maxLength: 5_000 }),
);
const hostileLeaf: fc.Arbitrary<Json> = fc.oneof(
  hostileString,
  hostileNumber.map(RAW),
  fc.double(),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
  fc.constantFrom(null, true, false, [], {}, "free_months", "mon_discount", "not_a_unit", "", "2024-13-45T99:99:99Z", "2024-10-04T10:00:00.1234567890123Z"),
  fc.integer({ min: 1, max: 300 }).map((depth) => JSON.parse(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`)),
  fc.dictionary(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "email", "status"), fc.oneof(fc.string(), fc.constant({ email: "forged@x" })), { maxKeys: 3 }),
);

/** Every path to a leaf (and to each object/array) in a value. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

function setPath(root: Json, path: (string | number)[], value: Json): Json {
  if (path.length === 0) return value;
  let node = root;
  for (const p of path.slice(0, -1)) node = node[p];
  node[path[path.length - 1]!] = value;
  return root;
}

type Case = { type: string; text: string | Buffer; contentType?: string };

let nextEventId = 60_000_000;

/** One mutated delivery of a valid body of `type`. */
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    type: fc.constantFrom(...TYPES),
    edits: fc.array(fc.tuple(fc.nat(), hostileLeaf), { minLength: 0, maxLength: 3 }),
    keys: fc.array(fc.tuple(fc.nat(), fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom("__proto__", "a\u0000b", "\ud83d", "k".repeat(3000), "temp_password", "auth_token")), hostileLeaf), { maxLength: 2 }),
    raw: fc.constantFrom("none", "none", "none", "duplicate_key", "truncate", "bad_utf8", "content_type", "oversize", "bom"),
    cut: fc.nat(),
  })
  .map(({ type, edits, keys, raw, cut }) => {
    const body = validBody(type) as Json;
    body.event.id = ++nextEventId;
    let b = body;
    for (const [pick, leaf] of edits) {
      const all = paths(b).filter((p) => p.length > 0);
      const path = all[pick % all.length]!;
      // Keep the envelope's id unique most of the time (so each case is a new event).
      if (path.join(".") === "event.id" && typeof leaf === "number") continue;
      b = setPath(b, path, structuredClone(leaf));
    }
    // New keys (odd names: NUL, lone surrogates, __proto__, credentials, very long) in random objects.
    for (const [pick, key, leaf] of keys) {
      const objects = paths(b).filter((p) => {
        let n = b;
        for (const k of p) n = n[k];
        return n && typeof n === "object" && !Array.isArray(n);
      });
      const path = objects[pick % objects.length]!;
      let n = b;
      for (const k of path) n = n[k];
      Object.defineProperty(n, key, { value: structuredClone(leaf), enumerable: true, writable: true, configurable: true });
    }
    let text = spliceRaw(JSON.stringify(b));
    switch (raw) {
      case "duplicate_key":
        text = text.replace('"data":{', '"data":{"id":1,"id":"2",');
        break;
      case "truncate":
        text = text.slice(0, cut % Math.max(1, text.length));
        break;
      case "bad_utf8":
        return { type, text: Buffer.concat([Buffer.from(text.slice(0, 20)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(text.slice(20))]) };
      case "content_type":
        return { type, text, contentType: "text/plain" };
      case "oversize":
        return { type, text: `${text}${" ".repeat(MAX_BODY_BYTES)}` };
      case "bom":
        text = `\ufeff${text}`;
        break;
    }
    return { type, text };
  });

async function deliver(c: Case) {
  const req = new Request("http://ledger.test/api/webhooks/firstpromoter", {
    method: "POST",
    headers: { Authorization: `Bearer ${SECRET}`, "Content-Type": c.contentType ?? "application/json" },
    body: typeof c.text === "string" ? c.text : new Uint8Array(c.text),
  });
  const res = await answerWebhook(req, { format: "v1" }, { pool: ctx.pool, secrets: SECRETS });
  return { status: res.status, body: (await res.json()) as Record<string, Json> };
}

describe("the webhook under arbitrary mutations of valid v1 payloads", () => {
  it(`never answers 5xx, writes one delivery row per request, and stores nothing else for a refusal (${RUNS} runs, seed ${SEED})`, async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const before = await tableCounts(ctx.pool);
        const { status, body } = await deliver(c);
        const after = await tableCounts(ctx.pool);
        seen.set(status, (seen.get(status) ?? 0) + 1);
        expect([200, 202, 400, 413, 415, 422], JSON.stringify(body)).toContain(status);
        expect(after.webhook_delivery).toBe(before.webhook_delivery + 1);
        if (status >= 400 && status !== 422) {
          // Refused at the edge: only the delivery row.
          expect({ ...after, webhook_delivery: 0 }).toEqual({ ...before, webhook_delivery: 0 });
          expect(body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        }
        if (status === 422) {
          expect(body.error).toMatchObject({ code: "invalid_data", field: expect.any(String) });
          const row = await ctx.pool.query("SELECT status::text FROM webhook_event ORDER BY id DESC LIMIT 1");
          expect(row.rows[0]?.status).toBe("failed");
        }
        if (status === 202) expect(c.type).toBe("fulfilment_pending");
        if (status < 300) expect(body.ok).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // The mutations reach every kind of answer, not only refusals.
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining([200, 400, 422]));
  });
});
