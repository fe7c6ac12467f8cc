// Pure code at the edge of the webhook: the FirstPromoter schemas (every documented example parses),
// the secret check, and credential redaction.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { redact } from "@/lib/events/redact.ts";
import { dataSchemas, envelopeSchema, isKnownEventType, leadEventDataSchema, promoterSchema } from "@/lib/firstpromoter/schemas.ts";
import { configuredSecrets, presentedSecret, verifySecret } from "@/lib/firstpromoter/verify-request.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE_DIR = path.resolve(HERE, "../../fixtures/firstpromoter");
const SEED_DIR = path.resolve(HERE, "../../../../shared/seeds");

type Obj = Record<string, unknown>;
const fixtureFiles = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith(".json")).sort();
const load = (file: string) => JSON.parse(readFileSync(path.join(FIXTURE_DIR, file), "utf8")) as { event: Obj; data: Obj };
const loadType = (type: string) => load(`${type}.json`);

describe("fixtures", () => {
  it("one per documented example: lead_signup, promoter_signed_up, reward_created, fulfilment_pending", () => {
    expect(fixtureFiles).toEqual(["fulfilment_pending.json", "lead_signup.json", "promoter_signed_up.json", "reward_created.json"]);
  });

  it.skipIf(!existsSync(SEED_DIR))("are exact copies of the examples in ../shared/seeds", () => {
    const text = readdirSync(SEED_DIR)
      .map((f) => readFileSync(path.join(SEED_DIR, f), "utf8"))
      .join("\n");
    const examples = jsonBlocks(text).map((b) => JSON.parse(b) as { event: { type: string } });
    expect(examples.map((e) => e.event.type).sort()).toEqual(fixtureFiles.map((f) => f.replace(".json", "")));
    for (const example of examples) expect(loadType(example.event.type)).toEqual(example);
  });

  describe.each(fixtureFiles)("%s", (file) => {
    const body = load(file);
    const type = String(body.event.type);

    it("has a valid envelope whose type is the file's", () => {
      const parsed = envelopeSchema.parse(body);
      expect(parsed.event.type).toBe(file.replace(".json", ""));
      expect(isKnownEventType(type)).toBe(true);
    });

    it("parses against its data schema as it is", () => {
      if (!isKnownEventType(type)) throw new Error(type);
      const result = dataSchemas[type].safeParse(body.data);
      expect(result.error?.issues ?? []).toEqual([]);
    });
  });
});

describe("data schemas", () => {
  it("keep unknown fields, at the top and nested", () => {
    const data = { ...loadType("lead_signup").data, brand_new_field: { a: 1 } } as Obj;
    (data.promoter as Obj).favourite_colour = "teal";
    (data.promotion as Obj).experimental = true;
    const parsed = leadEventDataSchema.parse(data) as Obj;
    expect(parsed.brand_new_field).toEqual({ a: 1 });
    expect((parsed.promoter as Obj).favourite_colour).toBe("teal");
    expect((parsed.promotion as Obj).experimental).toBe(true);
  });

  it("accept ids as numbers or numeric strings, and keep them as exact strings", () => {
    expect(promoterSchema.parse({ id: 3920164 }).id).toBe("3920164");
    expect(promoterSchema.parse({ id: "3920164" }).id).toBe("3920164");
    expect(promoterSchema.parse({ id: "123456789012345678" }).id).toBe("123456789012345678");
    const lead = leadEventDataSchema.parse({ id: "21381518", promotion: { id: "4210924", campaign_id: "13202" }, promoter: { id: "3920164" } });
    expect([lead.id, lead.promotion?.id, lead.promotion?.campaign_id, lead.promoter?.id]).toEqual(["21381518", "4210924", "13202", "3920164"]);
  });

  it.each([["x"], [1.5], ["1.5"], [-1], ["-1"], ["1e3"], [""], [null], [Number.MAX_SAFE_INTEGER + 2]])("reject the id %j", (id) => {
    const result = promoterSchema.safeParse({ id });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["id"]);
  });

  it("require only what projections need: the event's own object id", () => {
    for (const [type, data] of Object.entries({
      lead_signup: { id: 1 },
      lead_becomes_referral: { id: 1 },
      new_customer: { id: 1 },
      lead_cancelled: { id: 1 },
      promoter_signed_up: { promoter: { id: 1 } },
      promoter_signs_up: { promoter: { id: 1 } },
      promoter_accepted: { promoter: { id: 1 } },
      reward_created: { id: 1 },
      fulfilment_pending: { id: 1 },
    })) {
      expect(dataSchemas[type as keyof typeof dataSchemas].safeParse(data).success, type).toBe(true);
    }
  });

  it("treat empty strings as unknown and normalise timestamps to ISO UTC", () => {
    const lead = leadEventDataSchema.parse({ id: 1, uid: "", email: "a@example.com", customer_since: "2024-10-03T16:23:20.495+02:00" });
    expect(lead.uid).toBeNull();
    expect(lead.email).toBe("a@example.com");
    expect(lead.customer_since).toBe("2024-10-03T14:23:20.495Z");
  });

  it("accept balances keyed by unit, or null", () => {
    const p = promoterSchema.parse({ id: 1, earnings_balance: { cash: 50744, free_months: 3, discount_per: 12.5 }, paid_balance: null });
    expect(p.earnings_balance).toEqual({ cash: "50744", free_months: "3", discount_per: "12.5" });
    expect(p.paid_balance).toBeNull();
    expect(promoterSchema.safeParse({ id: 1, current_balance: { cash: "lots" } }).success).toBe(false);
  });

  it("know the v1 types, both promoter sign-up names, and nothing else", () => {
    for (const t of ["lead_signup", "lead_becomes_referral", "new_customer", "lead_cancelled", "promoter_signed_up", "promoter_signs_up", "promoter_accepted", "reward_created", "fulfilment_pending"]) {
      expect(isKnownEventType(t), t).toBe(true);
    }
    for (const t of ["payout_created", "promoter.created", "toString", "__proto__", "constructor", ""]) expect(isKnownEventType(t), t).toBe(false);
  });
});

describe("envelope schema", () => {
  const ok = { event: { id: 22736304, type: "lead_signup", created_at: "2024-10-03T13:45:20.103Z" }, data: {} };
  const withEvent = (event: Obj) => ({ ...ok, event: { ...ok.event, ...event } });
  const fieldOf = (v: unknown) => envelopeSchema.safeParse(v).error?.issues[0]?.path.join(".");

  it("accepts an integer id or a numeric string, and offsets in created_at", () => {
    expect(envelopeSchema.safeParse(ok).success).toBe(true);
    expect(envelopeSchema.safeParse(withEvent({ id: "22736304" })).success).toBe(true);
    expect(envelopeSchema.safeParse(withEvent({ created_at: "2024-10-03T15:45:20+02:00" })).success).toBe(true);
    expect(envelopeSchema.safeParse(withEvent({ type: "promoter.created" })).success).toBe(true);
  });

  it.each<[string, Obj, string]>([
    ["id a word", { id: "abc" }, "event.id"],
    ["id a fraction", { id: 1.5 }, "event.id"],
    ["id zero", { id: 0 }, "event.id"],
    ["id missing", { id: undefined }, "event.id"],
    ["type missing", { type: undefined }, "event.type"],
    ["type with spaces", { type: "lead signup" }, "event.type"],
    ["created_at missing", { created_at: undefined }, "event.created_at"],
    ["created_at not ISO", { created_at: "03/10/2024" }, "event.created_at"],
    ["created_at without zone", { created_at: "2024-10-03T13:45:20" }, "event.created_at"],
  ])("names the field when %s", (_label, event, field) => {
    expect(fieldOf(withEvent(event))).toBe(field);
  });

  it("names event when it is missing", () => {
    expect(fieldOf({ data: {} })).toBe("event");
  });
});

describe("secret check", () => {
  const current = "s3cret-current";
  const previous = "s3cret-previous-and-longer";

  it("accepts the current and the previous secret, nothing else", () => {
    expect(verifySecret(current, [current, previous])).toBe(true);
    expect(verifySecret(previous, [current, previous])).toBe(true);
    expect(verifySecret("wrong", [current, previous])).toBe(false);
    expect(verifySecret(`${current} `, [current, previous])).toBe(false);
    expect(verifySecret(current.toUpperCase(), [current])).toBe(false);
    expect(verifySecret(previous, [current])).toBe(false);
  });

  it("refuses when nothing is presented or nothing is configured", () => {
    expect(verifySecret(null, [current])).toBe(false);
    expect(verifySecret("", [current])).toBe(false);
    expect(verifySecret(current, [])).toBe(false);
    expect(verifySecret("", [""])).toBe(false);
  });

  it("compares secrets of any length without throwing", () => {
    expect(verifySecret("x", ["a-much-longer-secret-than-the-presented-one"])).toBe(false);
    expect(verifySecret("x".repeat(10_000), [current])).toBe(false);
  });

  it("takes the secret from Authorization: Bearer or from the path segment", () => {
    expect(presentedSecret(`Bearer ${current}`, undefined)).toBe(current);
    expect(presentedSecret(`bearer ${current}`, undefined)).toBe(current);
    expect(presentedSecret(`Bearer   ${current}  `, undefined)).toBe(current);
    expect(presentedSecret(null, current)).toBe(current);
    expect(presentedSecret(null, undefined)).toBeNull();
  });

  it("ignores other Authorization schemes and an empty Bearer (the path segment then counts)", () => {
    expect(presentedSecret(`Basic ${Buffer.from(`u:${current}`).toString("base64")}`, undefined)).toBeNull();
    expect(presentedSecret(`Token ${current}`, "from-path")).toBe("from-path");
    expect(presentedSecret("Bearer ", "from-path")).toBe("from-path");
  });

  it("prefers the Bearer token when both are present", () => {
    expect(presentedSecret("Bearer from-header", "from-path")).toBe("from-header");
  });

  it("reads WEBHOOK_SECRET and WEBHOOK_SECRET_PREVIOUS, ignoring unset or empty ones", () => {
    expect(configuredSecrets({ WEBHOOK_SECRET: "a", WEBHOOK_SECRET_PREVIOUS: "b" })).toEqual(["a", "b"]);
    expect(configuredSecrets({ WEBHOOK_SECRET: "a" })).toEqual(["a"]);
    expect(configuredSecrets({ WEBHOOK_SECRET: "a", WEBHOOK_SECRET_PREVIOUS: "" })).toEqual(["a"]);
    expect(configuredSecrets({})).toEqual([]);
  });
});

describe("redaction", () => {
  it("removes temp_password from the promoter_signed_up example and keeps everything else", () => {
    const body = loadType("promoter_signed_up");
    const out = redact(body) as typeof body;
    const promoter = out.data.promoter as Obj;
    expect(promoter).not.toHaveProperty("temp_password");
    const { temp_password: _gone, ...rest } = body.data.promoter as Obj;
    expect(promoter).toEqual(rest);
    expect(out.data.promotions).toEqual(body.data.promotions);
    expect(out.event).toEqual(body.event);
    expect(JSON.stringify(out)).not.toContain("XPQ-rT");
  });

  it("removes any key named like a password, token or secret, at any depth, in any case", () => {
    const input = {
      auth_token: "t1",
      data: {
        promoter: { id: 1, temp_password: "p1", password: "p2", PasswordHash: "p3", profile: { api_secret: "s1", nickname: "kept" } },
        promotions: [{ id: 2, access_token: "t2", refreshToken: "t3", tokens: ["t4"], meta: [{ client_SECRET: "s2", ok: 1 }] }],
        secret: { nested: "whole subtree goes" },
        webhook_secret_hint: "s3",
      },
    };
    const out = redact(input);
    expect(out).toEqual({
      data: {
        promoter: { id: 1, profile: { nickname: "kept" } },
        promotions: [{ id: 2, meta: [{ ok: 1 }] }],
      },
    });
    expect(JSON.stringify(out)).not.toMatch(/t1|t2|t3|t4|p1|p2|p3|s1|s2|s3|whole subtree/);
  });

  it("keeps values that merely mention the words, and leaves the input untouched", () => {
    const input = { note: "password reset requested", list: ["token"], n: 1, b: false, z: null };
    const copy = structuredClone(input);
    expect(redact(input)).toEqual(input);
    const withCredential = { a: { password: "x" } };
    redact(withCredential);
    expect(withCredential).toEqual({ a: { password: "x" } });
    expect(input).toEqual(copy);
  });

  it("passes primitives through and replaces NUL characters, which Postgres cannot store", () => {
    expect(redact(5)).toBe(5);
    expect(redact(null)).toBeNull();
    expect(redact("a\u0000b")).toBe("a\uFFFDb");
    expect(redact({ "k\u0000": "v\u0000" })).toEqual({ "k\uFFFD": "v\uFFFD" });
  });
});

/** The top-level JSON objects of a text (the seeds are prose with example payloads in between). */
function jsonBlocks(text: string): string[] {
  const blocks: string[] = [];
  for (let start = text.search(/^\{$/m); start >= 0; ) {
    let depth = 0;
    let inString = false;
    let end = start;
    for (; end < text.length; end++) {
      const c = text[end];
      if (inString) {
        if (c === "\\") end++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) break;
    }
    blocks.push(text.slice(start, end + 1));
    const next = text.slice(end + 1).search(/^\{$/m);
    start = next < 0 ? -1 : end + 1 + next;
  }
  return blocks;
}
