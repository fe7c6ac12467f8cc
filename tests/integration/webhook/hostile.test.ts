// Regression tests for what an outside attack on the webhook found (the hardening issue's F1–F5 and
// the endpoint items): every authenticated request gets exactly one delivery row and a 2xx or 4xx
// answer whatever its bytes, a refused body is kept on its row, and projections read exactly what is
// stored.
import { describe, expect, it, vi } from "vitest";
import { MAX_JSON_DEPTH, isStorableNumber, scanJson } from "@/lib/events/scan-json.ts";
import { type Body, envelope, fixture, one, post, rows, useTestDatabase, variant } from "./helpers.ts";

const ctx = useTestDatabase();
const T0 = "2024-10-04T10:00:00.000Z";

const deliveries = async () => (await one(ctx.pool, "SELECT count(*)::int AS n FROM webhook_delivery")).n as number;
const lastDelivery = () => one(ctx.pool, "SELECT * FROM webhook_delivery ORDER BY id DESC LIMIT 1");

/** Posts raw text; asserts exactly one new delivery row and no 5xx; returns the answer and the row. */
async function send(text: string | Body, opts: Parameters<typeof post>[2] = {}) {
  const before = await deliveries();
  const res = await post(ctx.pool, text, opts);
  expect(res.status).toBeLessThan(500);
  expect(await deliveries()).toBe(before + 1);
  return { res, row: await lastDelivery() };
}

/** `{"a":{"a":…}}` nested `depth` objects deep, as text (never built as an object). */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

describe("F1: numbers Postgres's numeric cannot hold, anywhere in the body", () => {
  it.each([
    ["an amount", "reward_created", '"amount":200', '"amount":1e131072', "data.amount"],
    ["a negative amount", "reward_created", '"amount":200', '"amount":-1e131072', "data.amount"],
    ["a tiny amount", "reward_created", '"amount":200', '"amount":1e-16384', "data.amount"],
    ["a balance", "lead_signup", '"cash":50744', '"cash":1e131072', "data.promoter.earnings_balance.cash"],
  ] as const)("%s: 422, the event stored as failed with the number kept as text, naming the path", async (_n, type, from, to, path) => {
    const body = fixture(type);
    body.event.id = 41_000_000 + Math.floor(Math.random() * 1_000_000);
    const text = JSON.stringify(body).replace(from, to);
    expect(text).toContain(to);
    const { res, row } = await send(text);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: { code: "invalid_data", field: path } });
    expect(row).toMatchObject({ status_code: 422, outcome: "rejected", error_code: "invalid_data" });
    expect(Buffer.from(row.raw_body).toString()).toBe(text);
    const event = await one(ctx.pool, "SELECT status::text, error, payload FROM webhook_event WHERE external_id = $1", [String(body.event.id)]);
    expect(event.status).toBe("failed");
    expect(event.error).toContain(path);
    expect(JSON.stringify(event.payload)).toContain(JSON.stringify(to.split(":")[1]));
  });

  it("in custom_fields, in an unknown type's data, or a 200,000-digit integer: 422 too (stored as failed, not lost)", async () => {
    const custom = variant("lead_signup", 41_100_001, T0, (d) => (d.custom_fields = { score: "X" }));
    const a = await send(JSON.stringify(custom).replace('"X"', "1e131072"));
    expect(a.res).toMatchObject({ status: 422, body: { error: { field: "data.custom_fields.score" } } });
    const unknown = await send(JSON.stringify(envelope("something_new", 41_100_002, T0, { n: "X" })).replace('"X"', `1${"0".repeat(200_000)}`));
    expect(unknown.res).toMatchObject({ status: 422, body: { error: { field: "data.n" } } });
    expect((await one(ctx.pool, "SELECT status::text FROM webhook_event WHERE external_id = '41100002'")).status).toBe("failed");
  });

  it("knows Postgres's limits exactly", () => {
    for (const ok of ["0", "-0.5", "1e131071", "9.9e131071", "1e-16383", "0e200000", "123e131069", "1".repeat(131_072)]) expect(isStorableNumber(ok), ok).toBe(true);
    for (const bad of ["1e131072", "-1e131072", "1e-16384", "0e-16384", "0.1e-16383", "1".repeat(131_073), "1e99999999999"]) expect(isStorableNumber(bad), bad).toBe(false);
  });
});

describe("F2: nesting", () => {
  it(`${MAX_JSON_DEPTH} levels pass; deeper is 400 before anything recurses (5,000 and 20,000 levels too, also inside an unknown type)`, async () => {
    // The envelope itself is 2 levels: data holds the rest.
    const ok = `{"event":{"id":41200001,"type":"something_new","created_at":"${T0}"},"data":${nested(MAX_JSON_DEPTH - 1)}}`;
    expect((await send(ok)).res.status).toBe(200);
    for (const [i, depth] of [MAX_JSON_DEPTH, 5_000, 20_000].entries()) {
      const text = `{"event":{"id":${41200010 + i},"type":"something_new","created_at":"${T0}"},"data":${nested(depth)}}`;
      const { res, row } = await send(text);
      expect(res).toMatchObject({ status: 400, body: { error: { code: "invalid_envelope", message: expect.stringContaining(`deeper than ${MAX_JSON_DEPTH}`) } } });
      expect(row.body_bytes).toBe(Buffer.byteLength(text));
      expect(Buffer.from(row.raw_body).length).toBe(Buffer.byteLength(text));
    }
    expect(scanJson(nested(1_000_000)).refused?.kind).toBe("too_deep");
  });
});

describe("F3: __proto__, constructor and prototype are plain keys", () => {
  it("cannot forge projected values; the stored payload keeps every key but credentials; projections read exactly what is stored", async () => {
    const body = fixture("promoter_signed_up");
    body.event.id = 41_300_001;
    const promoterId = body.data.promoter.id;
    delete body.data.promoter.email;
    delete body.data.promoter.status;
    const text = JSON.stringify(body).replace(
      `"id":${promoterId},`,
      `"id":${promoterId},"__proto__":{"email":"forged@evil.example","status":"blocked"},"constructor":{"prototype":{"email":"x"}},"prototype":7,"temp_password":"hunter2",`,
    );
    const withProfileProto = text.replace('"profile":{', '"profile":{"__proto__":{"polluted":true},');
    const { res } = await send(withProfileProto);
    expect(res.status).toBe(200);
    const stored = await one(ctx.pool, "SELECT payload FROM webhook_event WHERE external_id = '41300001'");
    const p = stored.payload.data.promoter;
    expect(p.__proto__).toEqual({ email: "forged@evil.example", status: "blocked" });
    expect(p.constructor).toEqual({ prototype: { email: "x" } });
    expect(p.prototype).toBe(7);
    expect(p).not.toHaveProperty("temp_password");
    expect(JSON.stringify(stored.payload)).not.toContain("hunter2");
    const promoter = await one(ctx.pool, "SELECT email, status, profile FROM promoter WHERE id = $1", [String(promoterId)]);
    // The stored payload has no email or status for this promoter: neither does the projection.
    expect(promoter.email).toBeNull();
    expect(promoter.status).toBeNull();
    expect(promoter.profile.__proto__).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("F4: NUL in event.id or event.type", () => {
  it.each([
    ["event.id", (t: string) => t.replace('"id":41400001', '"id":"4140\\u00000"')],
    ["event.type", (t: string) => t.replace('"type":"lead_signup"', '"type":"lead\\u0000signup"')],
  ] as const)("in %s: 400 with a delivery row (the NUL written as its escape)", async (_n, edit) => {
    const text = edit(JSON.stringify(variant("lead_signup", 41_400_001, T0)));
    const { res, row } = await send(text);
    expect(res.status).toBe(400);
    expect(row.outcome).toBe("rejected");
    expect(`${row.external_event_id}${row.event_type}`).not.toContain("\u0000");
    expect(Buffer.from(row.raw_body).toString()).toBe(text);
  });
});

describe("F5: a sender that drops the connection mid-body", () => {
  it("gets a client_aborted row (never 'database unavailable'), with what arrived", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      let sent = false;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (!sent) {
            sent = true;
            controller.enqueue(new TextEncoder().encode('{"event":{"id":41500001,'));
          } else controller.error(new Error("aborted"));
        },
      });
      const { res, row } = await send("", { stream, contentLength: "5000" });
      expect(res.status).toBe(499);
      expect(row).toMatchObject({ outcome: "client_aborted", status_code: 499, error_code: "client_aborted", body_bytes: 24 });
      expect(Buffer.from(row.raw_body).toString()).toBe('{"event":{"id":41500001,');
      expect(log.mock.calls.flat().join(" ")).not.toContain("database unavailable");
    } finally {
      log.mockRestore();
    }
  });
});

describe("the rest of the edge", () => {
  it("created_at: up to microseconds pass, a longer fraction (40 or 100,000 digits) is 400", async () => {
    expect((await send(variant("lead_signup", 41_600_001, "2024-10-04T10:00:00.123456Z"))).res.status).toBe(200);
    for (const [i, digits] of [7, 40, 100_000].entries()) {
      const { res } = await send(variant("lead_signup", 41_600_010 + i, `2024-10-04T10:00:00.${"1".repeat(digits)}Z`));
      expect(res).toMatchObject({ status: 400, body: { error: { field: "event.created_at" } } });
    }
  });

  it("invalid UTF-8 is 400 with the bytes kept as received", async () => {
    const bytes = Buffer.concat([Buffer.from('{"event":{"id":41700001,"type":"x","created_at":"2024-10-04T10:00:00Z"},"data":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const stream = new Response(bytes).body;
    const { res, row } = await send("", { stream, contentLength: String(bytes.length) });
    expect(res).toMatchObject({ status: 400, body: { error: { message: "body is not valid UTF-8" } } });
    expect(Buffer.from(row.raw_body).equals(bytes)).toBe(true);
  });

  it("a refused body with credentials keeps everything but them", async () => {
    const text = JSON.stringify({ event: { id: 41800001, type: "promoter_signed_up", created_at: "not a date" }, data: { promoter: { id: 5, temp_password: "hunter2", note: "keep me" } } });
    const { res, row } = await send(text);
    expect(res.status).toBe(400);
    const kept = Buffer.from(row.raw_body).toString();
    expect(kept).not.toContain("hunter2");
    expect(kept).toContain("keep me");
  });

  it("an unauthenticated request keeps no body", async () => {
    const { res, row } = await send(JSON.stringify(variant("lead_signup", 41_900_001, T0)), { secret: "wrong" });
    expect(res.status).toBe(401);
    expect(row.raw_body).toBeNull();
    expect(await rows(ctx.pool, "SELECT 1 FROM webhook_event WHERE external_id = '41900001'")).toEqual([]);
  });
});
