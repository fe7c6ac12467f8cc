// Every row of the webhook contract (issue #3, section 4), through receiveDelivery(): the status, the
// JSON body, what is stored, and that nothing else in the database changed (row-level diff of every
// table, on a database that already holds the four seed examples).
import type { LedgerPool } from "@/lib/db/pool.ts";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPool } from "@/lib/db/pool.ts";
import type { DeliveryResponse } from "@/lib/events/receive-delivery.ts";
import { redact } from "@/lib/events/redact.ts";
import {
  type Body,
  closedPort,
  diff,
  envelope,
  fixture,
  FIXTURE_TYPES,
  type Json,
  lastDelivery,
  one,
  onRealPostgres,
  post,
  PREVIOUS_SECRET,
  projectionCounts,
  rows,
  SECRET,
  silentServer,
  sleep,
  snapshot,
  summary as summarize,
  tableCounts,
  track,
  useTestDatabase,
  variant,
} from "./helpers.ts";

const ctx = useTestDatabase();

const MiB = 1024 * 1024;
const T0 = "2024-10-04T10:00:00.000Z";

/** A lead_signup for records none of the seeds mention (lead 555001, promoter 777001, promotion 888001, campaign 999001). */
function freshLeadSignup(eventId: number, createdAt = T0): Body {
  return variant("lead_signup", eventId, createdAt, (d) => {
    d.id = 555001;
    d.email = "fresh@example.com";
    d.promoter.id = 777001;
    d.promotion.id = 888001;
    d.promotion.campaign_id = 999001;
    d.promotion.campaign_name = "Fresh Campaign";
  });
}

async function seedAll() {
  for (const type of FIXTURE_TYPES) {
    const res = await post(ctx.pool, fixture(type));
    expect(res.status).toBeLessThan(300);
  }
}

/** The refusal: status, error body (field only when given), and one rejected delivery row as the only change. */
async function expectRefused(
  send: () => Promise<DeliveryResponse>,
  expected: { status: number; code: string; field?: string; externalId?: string | null; bodyBytes?: number | null },
) {
  const { result, summary, changes, countsBefore, countsAfter } = await track(ctx.pool, send);
  expect(result.status).toBe(expected.status);
  expect(countsAfter).toEqual({ ...countsBefore, webhook_delivery: countsBefore.webhook_delivery + 1 });
  expect(result.body).toStrictEqual({
    error: { code: expected.code, message: expect.any(String), ...(expected.field ? { field: expected.field } : {}) },
  });
  expect(summary).toEqual({ webhook_delivery: "+1" });
  const delivery = changes.webhook_delivery!.added[0];
  expect(delivery).toMatchObject({ status_code: expected.status, outcome: "rejected", error_code: expected.code, event_id: null });
  expect(delivery.reason).toEqual(expect.any(String));
  if (expected.externalId !== undefined) expect(delivery.external_event_id).toBe(expected.externalId);
  if (expected.bodyBytes !== undefined) expect(delivery.body_bytes).toBe(expected.bodyBytes);
  return { result, delivery };
}

/** A body stream that yields `total` bytes in 64 KiB chunks, recording how much was pulled and whether it was cancelled. */
function countingStream(total: number) {
  const state = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) {
        controller.close();
        return;
      }
      const n = Math.min(chunk.byteLength, total - state.pulled);
      state.pulled += n;
      controller.enqueue(chunk.slice(0, n));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe("webhook contract", () => {
  beforeEach(seedAll);

  describe("401: secret missing or wrong (delivery row only)", () => {
    it("no secret at all", async () => {
      await expectRefused(() => post(ctx.pool, freshLeadSignup(30000001), { secret: null }), {
        status: 401,
        code: "unauthorized",
        externalId: null,
        bodyBytes: null,
      });
    });

    it.each([
      ["Bearer", { via: "bearer" as const }],
      ["path", { via: "path" as const }],
    ])("wrong secret as %s", async (_label, via) => {
      await expectRefused(() => post(ctx.pool, freshLeadSignup(30000001), { secret: "not-the-secret", ...via }), {
        status: 401,
        code: "unauthorized",
      });
    });

    it("an Authorization header that is not Bearer, and no path secret", async () => {
      const basic = `Basic ${Buffer.from(`x:${SECRET}`).toString("base64")}`;
      await expectRefused(() => post(ctx.pool, freshLeadSignup(30000001), { authorization: basic }), { status: 401, code: "unauthorized" });
    });

    it("the previous secret once it is no longer configured", async () => {
      await expectRefused(() => post(ctx.pool, freshLeadSignup(30000001), { secret: PREVIOUS_SECRET, secrets: [SECRET] }), {
        status: 401,
        code: "unauthorized",
      });
    });

    it("no secret configured refuses everything", async () => {
      await expectRefused(() => post(ctx.pool, freshLeadSignup(30000001), { secrets: [] }), { status: 401, code: "unauthorized" });
      await expectRefused(() => post(ctx.pool, freshLeadSignup(30000001), { secret: "", secrets: [""] }), {
        status: 401,
        code: "unauthorized",
      });
    });

    it("is checked first: a wrong secret wins over a too large, non-JSON or invalid body", async () => {
      const wrong = { secret: "nope" };
      await expectRefused(() => post(ctx.pool, "x", { ...wrong, contentLength: String(2 * MiB) }), { status: 401, code: "unauthorized" });
      await expectRefused(() => post(ctx.pool, "x", { ...wrong, contentType: "text/plain" }), { status: 401, code: "unauthorized" });
      await expectRefused(() => post(ctx.pool, "{not json", wrong), { status: 401, code: "unauthorized" });
    });

    it.each([
      ["current secret as Bearer", { secret: SECRET, via: "bearer" as const }],
      ["current secret as path segment", { secret: SECRET, via: "path" as const }],
      ["previous secret as Bearer", { secret: PREVIOUS_SECRET, via: "bearer" as const }],
      ["previous secret as path segment", { secret: PREVIOUS_SECRET, via: "path" as const }],
    ])("accepts the %s", async (_label, opts) => {
      const res = await post(ctx.pool, freshLeadSignup(30000001), opts);
      expect(res).toEqual({ status: 200, body: { ok: true, event_id: "30000001" } });
      expect(await lastDelivery(ctx.pool)).toMatchObject({ status_code: 200, outcome: "accepted", external_event_id: "30000001" });
    });
  });

  describe("413: body over 1 MiB (delivery row only)", () => {
    it("Content-Length over 1 MiB is refused before reading; the row records the size declared", async () => {
      const { stream, state } = countingStream(5 * MiB);
      await expectRefused(() => post(ctx.pool, "", { contentLength: String(MiB + 1), stream }), {
        status: 413,
        code: "payload_too_large",
        bodyBytes: MiB + 1,
      });
      // A stream pulls its first chunk when created; nothing beyond that was read.
      expect(state.pulled).toBeLessThanOrEqual(64 * 1024);
    });

    it("a body over 1 MiB streamed without Content-Length is cut off once past the limit", async () => {
      const { stream, state } = countingStream(5 * MiB);
      await expectRefused(() => post(ctx.pool, "", { contentLength: null, stream }), { status: 413, code: "payload_too_large" });
      expect(state.cancelled).toBe(true);
      expect(state.pulled).toBeLessThan(MiB + 256 * 1024);
    });

    it("an understated Content-Length does not let a larger body through", async () => {
      const { stream } = countingStream(2 * MiB);
      await expectRefused(() => post(ctx.pool, "", { contentLength: "100", stream }), { status: 413, code: "payload_too_large" });
    });

    it("is checked before the content type", async () => {
      await expectRefused(() => post(ctx.pool, "x", { contentType: "text/plain", contentLength: String(MiB + 1) }), {
        status: 413,
        code: "payload_too_large",
      });
    });

    it("exactly 1 MiB is accepted", async () => {
      const json = JSON.stringify(freshLeadSignup(30000002));
      const text = json + " ".repeat(MiB - Buffer.byteLength(json));
      expect(Buffer.byteLength(text)).toBe(MiB);
      const res = await post(ctx.pool, text);
      expect(res.status).toBe(200);
      expect(await lastDelivery(ctx.pool)).toMatchObject({ outcome: "accepted", body_bytes: MiB });
    });
  });

  describe("415: content type not JSON (delivery row only)", () => {
    it.each([["text/plain"], ["application/x-www-form-urlencoded"], ["multipart/form-data; boundary=x"], [null]])(
      "refuses %s",
      async (contentType) => {
        const body = JSON.stringify(freshLeadSignup(30000003));
        await expectRefused(() => post(ctx.pool, body, { contentType }), {
          status: 415,
          code: "unsupported_media_type",
          bodyBytes: Buffer.byteLength(body),
        });
      },
    );

    it("is checked before the body is parsed", async () => {
      await expectRefused(() => post(ctx.pool, "{not json", { contentType: "text/plain" }), { status: 415, code: "unsupported_media_type" });
    });

    it.each([["application/json; charset=utf-8"], ["application/json;charset=UTF-8"], ["Application/JSON"], [" application/json "]])(
      "accepts %j",
      async (contentType) => {
        const res = await post(ctx.pool, freshLeadSignup(30000004), { contentType });
        expect(res.status).toBe(200);
        expect(await lastDelivery(ctx.pool)).toMatchObject({ outcome: "accepted", external_event_id: "30000004" });
      },
    );
  });

  describe("400: not JSON or envelope invalid, naming the field (delivery row only)", () => {
    const ok = () => freshLeadSignup(30000005);
    const withEvent = (edit: (e: Json) => void) => {
      const b = ok();
      edit(b.event);
      return b;
    };
    it.each<[string, unknown, string]>([
      ["not JSON", "{\"event\": ", "body"],
      ["an empty body", "", "body"],
      ["JSON that is not an object", "[1, 2]", "body"],
      ["no event", { data: ok().data }, "event"],
      ["event.id a word", withEvent((e) => (e.id = "abc")), "event.id"],
      ["event.id a fraction", withEvent((e) => (e.id = 1.5)), "event.id"],
      ["event.id a fraction as text", withEvent((e) => (e.id = "1.5")), "event.id"],
      ["event.id negative", withEvent((e) => (e.id = -4)), "event.id"],
      ["event.id missing", withEvent((e) => delete e.id), "event.id"],
      ["event.id null", withEvent((e) => (e.id = null)), "event.id"],
      ["event.type missing", withEvent((e) => delete e.type), "event.type"],
      ["event.type empty", withEvent((e) => (e.type = "")), "event.type"],
      ["event.type not a string", withEvent((e) => (e.type = 42)), "event.type"],
      ["event.created_at missing", withEvent((e) => delete e.created_at), "event.created_at"],
      ["event.created_at not a date", withEvent((e) => (e.created_at = "yesterday")), "event.created_at"],
      ["event.created_at an impossible date", withEvent((e) => (e.created_at = "2024-13-45T25:61:00Z")), "event.created_at"],
      ["event.created_at a number", withEvent((e) => (e.created_at = 1727963120)), "event.created_at"],
    ])("%s", async (_label, body, field) => {
      const { delivery } = await expectRefused(() => post(ctx.pool, body), { status: 400, code: "invalid_envelope", field });
      // The delivery row keeps what could be read of the envelope ("event id if known").
      const event = (typeof body === "object" ? (body as { event?: Json }).event : undefined) ?? {};
      expect(delivery.event_type).toBe(typeof event.type === "string" ? event.type : null);
      expect(delivery.external_event_id).toBe(typeof event.id === "string" || typeof event.id === "number" ? String(event.id) : null);
    });

    it("accepts a numeric string as event.id, and it is the same event as the number", async () => {
      const asText = freshLeadSignup(30000006);
      asText.event.id = "30000006";
      expect((await post(ctx.pool, asText)).status).toBe(200);
      const again = await post(ctx.pool, freshLeadSignup(30000006));
      expect(again).toEqual({ status: 200, body: { ok: true, event_id: "30000006", duplicate: true } });
      expect((await one(ctx.pool, "SELECT count(*)::int AS n FROM webhook_event WHERE external_id = '30000006'")).n).toBe(1);
    });

    it("accepts a created_at with an offset", async () => {
      const res = await post(ctx.pool, freshLeadSignup(30000007, "2024-10-04T12:00:00.000+02:00"));
      expect(res.status).toBe(200);
      const e = await one(ctx.pool, "SELECT occurred_at FROM webhook_event WHERE external_id = '30000007'");
      expect(e.occurred_at.toISOString()).toBe("2024-10-04T10:00:00.000Z");
    });
  });

  describe("422: known type, data fails its schema (event row failed with the error, delivery row, nothing projected)", () => {
    it.each<[string, Body, string]>([
      ["lead_signup with promoter.id \"x\"", variant("lead_signup", 30000010, T0, (d) => (d.promoter.id = "x")), "data.promoter.id"],
      ["lead_signup without the lead id", variant("lead_signup", 30000010, T0, (d) => delete d.id), "data.id"],
      ["reward_created with a word as amount", variant("reward_created", 30000010, T0, (d) => (d.amount = "lots")), "data.amount"],
      ["fulfilment_pending with has_issues \"no\"", variant("fulfilment_pending", 30000010, T0, (d) => (d.has_issues = "no")), "data.has_issues"],
      ["promoter_signed_up without promoter", variant("promoter_signed_up", 30000010, T0, (d) => delete d.promoter), "data.promoter"],
      ["promoter_signed_up with a balance in a bad unit", variant("promoter_signed_up", 30000010, T0, (d) => (d.promoter.current_balance = { "Cash!": 5 })), "data.promoter.current_balance.Cash!"],
      ["lead_cancelled with a bad cancelled_at", envelope("lead_cancelled", 30000010, T0, { id: 1, cancelled_at: "soon" }), "data.cancelled_at"],
      ["data null", envelope("new_customer", 30000010, T0, null), "data"],
    ])("%s", async (_label, body, field) => {
      const before = await projectionCounts(ctx.pool);
      const { result, summary, changes } = await track(ctx.pool, () => post(ctx.pool, body));
      expect(result.status).toBe(422);
      expect(result.body).toStrictEqual({ error: { code: "invalid_data", message: expect.stringContaining(field), field } });
      expect(summary).toEqual({ webhook_event: "+1", webhook_delivery: "+1" });

      const event = changes.webhook_event!.added[0];
      expect(event).toMatchObject({ external_id: "30000010", type: body.event.type, status: "failed" });
      expect(event.error).toContain(field);
      expect(event.payload).toEqual(redact(JSON.parse(JSON.stringify(body))));
      expect(JSON.stringify(event.payload)).not.toContain("temp_password");
      expect(changes.webhook_delivery!.added[0]).toMatchObject({
        status_code: 422,
        outcome: "rejected",
        error_code: "invalid_data",
        event_id: event.id,
        external_event_id: "30000010",
        event_type: body.event.type,
      });
      expect(await projectionCounts(ctx.pool)).toEqual(before);
    });

    it("the same failing event again: 422, one more delivery row, the event row untouched", async () => {
      const bad = variant("lead_signup", 30000011, T0, (d) => (d.promoter.id = "x"));
      expect((await post(ctx.pool, bad)).status).toBe(422);
      const { result, summary } = await track(ctx.pool, () => post(ctx.pool, bad));
      expect(result.status).toBe(422);
      expect(summary).toEqual({ webhook_delivery: "+1" });
      expect(await lastDelivery(ctx.pool)).toMatchObject({ status_code: 422, outcome: "rejected", external_event_id: "30000011" });
    });

    it("a failed event's payload is stored without credentials", async () => {
      const bad = variant("promoter_signed_up", 30000012, T0, (d) => {
        d.promoter.id = "x";
        d.promoter.auth_token = "tok-123";
      });
      expect((await post(ctx.pool, bad)).status).toBe(422);
      const e = await one(ctx.pool, "SELECT payload::text AS p FROM webhook_event WHERE external_id = '30000012'");
      expect(e.p).not.toMatch(/temp_password|XPQ-rT|auth_token|tok-123/);
    });
  });

  describe("200 for an unknown type: event row ignored, delivery row", () => {
    it("stores it raw (credentials removed) and projects nothing", async () => {
      const body = envelope("payout_created", 30000020, T0, {
        id: 1200001,
        amount: 5000,
        promoter: { id: 3920164, email: "p@example.com", auth_token: "tok-secret", bank: { account_password: "hunter2" } },
      });
      const { result, summary, changes } = await track(ctx.pool, () => post(ctx.pool, body));
      expect(result).toEqual({ status: 200, body: { ok: true, event_id: "30000020", ignored: true } });
      expect(summary).toEqual({ webhook_event: "+1", webhook_delivery: "+1" });
      const event = changes.webhook_event!.added[0];
      expect(event).toMatchObject({ type: "payout_created", status: "ignored", error: null });
      expect(event.payload).toEqual({
        event: body.event,
        data: { id: 1200001, amount: 5000, promoter: { id: 3920164, email: "p@example.com", bank: {} } },
      });
      expect(changes.webhook_delivery!.added[0]).toMatchObject({ status_code: 200, outcome: "ignored", event_id: event.id, event_type: "payout_created" });
    });

    it("a duplicate of it: 200 duplicate, delivery row only", async () => {
      const body = envelope("payout_created", 30000021, T0, { id: 1 });
      await post(ctx.pool, body);
      const { result, summary } = await track(ctx.pool, () => post(ctx.pool, body));
      expect(result).toEqual({ status: 200, body: { ok: true, event_id: "30000021", duplicate: true, ignored: true } });
      expect(summary).toEqual({ webhook_delivery: "+1" });
      expect(await lastDelivery(ctx.pool)).toMatchObject({ status_code: 200, outcome: "duplicate" });
    });

    it("an unknown type needs no data object", async () => {
      const res = await post(ctx.pool, envelope("promoter.created", 30000022, T0, "v2-ish"));
      expect(res).toEqual({ status: 200, body: { ok: true, event_id: "30000022", ignored: true } });
    });
  });

  describe("200 for a known type, new: event, delivery, projections, touched records", () => {
    it("lead_signup for records never seen: exactly those rows and nothing else", async () => {
      const { result, summary, changes } = await track(ctx.pool, () => post(ctx.pool, freshLeadSignup(30000030)));
      expect(result).toEqual({ status: 200, body: { ok: true, event_id: "30000030" } });
      expect(summary).toEqual({
        webhook_event: "+1",
        webhook_delivery: "+1",
        event_record: "+4",
        campaign: "+1",
        promoter: "+1",
        promoter_balance: "+3",
        promotion: "+1",
        lead: "+1",
      });
      const event = changes.webhook_event!.added[0];
      expect(event).toMatchObject({ status: "processed", type: "lead_signup", external_id: "30000030" });
      expect(changes.webhook_delivery!.added[0]).toMatchObject({ status_code: 200, outcome: "accepted", event_id: event.id });
      expect(changes.lead!.added[0]).toMatchObject({ id: "555001", promoter_id: "777001", promotion_id: "888001", snapshot_event_id: "30000030" });
      expect(changes.campaign!.added[0]).toMatchObject({ id: "999001", name: "Fresh Campaign" });
    });

    const D = "2024-10-05T09:00:00.000Z";
    const promoter = { id: 777100, status: "active", email: "p100@example.com", current_balance: { points: 250 } };
    const promotion = { id: 888100, status: "offer_running", ref_id: "r100", campaign_id: 999100, campaign_name: "C100" };
    it.each<[string, Json, { table: string; id: string; values: Json }]>([
      ["lead_becomes_referral", { id: 555100, state: "signup", uid: "usr_1", promoter, promotion }, { table: "lead", id: "555100", values: { uid: "usr_1", promoter_id: "777100" } }],
      ["new_customer", { id: 555101, state: "active", plan_name: "Pro", customer_since: D, promoter, promotion }, { table: "lead", id: "555101", values: { state: "active", plan_name: "Pro" } }],
      ["lead_cancelled", { id: 555102, state: "cancelled", cancelled_at: D, promoter, promotion }, { table: "lead", id: "555102", values: { state: "cancelled" } }],
      ["promoter_signs_up", { promoter: { ...promoter, status: "pending", temp_password: "abc" }, promotions: [promotion] }, { table: "promoter", id: "777100", values: { status: "pending" } }],
      ["promoter_accepted", { state: "accepted", campaign: { id: 999100, name: "C100", landing_url: "https://c.example" }, promoter, promotion: { id: 888100, ref_id: "r100" } }, { table: "promotion", id: "888100", values: { promoter_id: "777100", campaign_id: "999100" } }],
    ])("%s", async (type, data, expected) => {
      const res = await post(ctx.pool, envelope(type, 30000031, D, data));
      expect(res).toEqual({ status: 200, body: { ok: true, event_id: "30000031" } });
      expect(await one(ctx.pool, "SELECT status::text FROM webhook_event WHERE external_id = '30000031'")).toEqual({ status: "processed" });
      expect(await one(ctx.pool, `SELECT * FROM ${expected.table} WHERE id = $1`, [expected.id])).toMatchObject(expected.values);
      expect(await one(ctx.pool, "SELECT amount::float8 AS a FROM promoter_balance WHERE promoter_id = 777100")).toEqual({ a: 250 });
      expect(JSON.stringify(await snapshot(ctx.pool))).not.toContain("temp_password");
    });

    it("the same new event delivered five times at once: one event row, one accepted and four duplicates", async () => {
      const body = freshLeadSignup(30000032);
      const results = await Promise.all(Array.from({ length: 5 }, () => post(ctx.pool, body)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(results.filter((r) => r.body.duplicate === true)).toHaveLength(4);
      expect(await rows(ctx.pool, "SELECT outcome, count(*)::int AS n FROM webhook_delivery WHERE external_event_id = '30000032' GROUP BY 1 ORDER BY 1")).toEqual([
        { outcome: "accepted", n: 1 },
        { outcome: "duplicate", n: 4 },
      ]);
      expect((await one(ctx.pool, "SELECT count(*)::int AS n FROM webhook_event WHERE external_id = '30000032'")).n).toBe(1);
    });
  });

  describe("200 duplicate: true for a known type already stored (delivery row only)", () => {
    it.each(["lead_signup", "promoter_signed_up", "reward_created"] as const)("%s delivered again", async (type) => {
      const body = fixture(type);
      const original = await one(ctx.pool, "SELECT id FROM webhook_event WHERE external_id = $1", [String(body.event.id)]);
      const { result, summary, changes } = await track(ctx.pool, () => post(ctx.pool, body));
      expect(result).toEqual({ status: 200, body: { ok: true, event_id: String(body.event.id), duplicate: true } });
      expect(summary).toEqual({ webhook_delivery: "+1" });
      expect(changes.webhook_delivery!.added[0]).toMatchObject({
        status_code: 200,
        outcome: "duplicate",
        event_id: original.id,
        external_event_id: String(body.event.id),
        error_code: null,
      });
    });

    it("the first copy wins: a re-delivery with other content changes nothing", async () => {
      const changed = variant("lead_signup", 22736304, "2030-01-01T00:00:00.000Z", (d) => {
        d.state = "cancelled";
        d.promoter.current_balance = { cash: 1 };
      });
      const { result, summary } = await track(ctx.pool, () => post(ctx.pool, changed));
      expect(result.body).toMatchObject({ duplicate: true });
      expect(summary).toEqual({ webhook_delivery: "+1" });
    });
  });

  describe("fulfilment_pending: answered by its review state on every delivery, new or duplicate", () => {
    const FULFILMENT = 2429153;
    const resend = (hasIssues: boolean) =>
      variant("fulfilment_pending", 13007875, "2023-08-23T11:06:02.663Z", (d) => (d.has_issues = hasIssues));
    const newEvent = (eventId: number, amount: number) =>
      variant("fulfilment_pending", eventId, "2023-08-24T09:00:00.000Z", (d) => (d.amount = amount));
    const setReview = (state: string) =>
      ctx.pool.query("UPDATE fulfilment SET review_status = $1::review_status WHERE id = $2", [state, FULFILMENT]);
    const changedColumns = (c: { before: Json; after: Json }) =>
      Object.keys(c.after)
        .filter((k) => JSON.stringify(c.before[k]) !== JSON.stringify(c.after[k]))
        .sort();

    it("a new fulfilment is pending review: 202", async () => {
      await ctx.pool.query("TRUNCATE fulfilment, webhook_event, webhook_delivery CASCADE");
      const res = await post(ctx.pool, fixture("fulfilment_pending"));
      expect(res).toEqual({ status: 202, body: { ok: true, event_id: "13007875", review_status: "pending" } });
      expect(await lastDelivery(ctx.pool)).toMatchObject({ status_code: 202, outcome: "accepted" });
    });

    describe.each([
      ["pending", 202],
      ["held", 202],
      ["rejected", 202],
      ["approved", 200],
    ] as const)("review state %s", (state, status) => {
      it(`duplicate delivery → ${status}; only last_delivery_at, delivery_count, has_issues${state === "approved" ? ", answered_200_at" : ""} change`, async () => {
        await setReview(state);
        const before = await one(ctx.pool, "SELECT * FROM fulfilment WHERE id = $1", [FULFILMENT]);
        await sleep(5); // received_at has millisecond precision
        const { result, summary, changes } = await track(ctx.pool, () => post(ctx.pool, resend(true)));
        expect(result).toEqual({ status, body: { ok: true, event_id: "13007875", duplicate: true, review_status: state } });
        expect(summary).toEqual({ webhook_delivery: "+1", fulfilment: "~1" });
        expect(changes.webhook_delivery!.added[0]).toMatchObject({ status_code: status, outcome: "duplicate" });

        const change = changes.fulfilment!.changed[0]!;
        const expectedColumns = ["delivery_count", "has_issues", "last_delivery_at", "updated_at"];
        if (state === "approved") expectedColumns.push("answered_200_at");
        expect(changedColumns(change)).toEqual(expectedColumns.sort());
        const after = change.after;
        expect(after.delivery_count).toBe(before.delivery_count + 1);
        expect(after.has_issues).toBe(true);
        expect(after.last_delivery_at.getTime()).toBeGreaterThan(before.last_delivery_at.getTime());
        expect(after.first_delivery_at).toEqual(before.first_delivery_at);
        expect(after.review_status).toBe(state);
        if (state === "approved") expect(after.answered_200_at).toEqual(after.last_delivery_at);
        else expect(after.answered_200_at).toBeNull();
      });

      it(`new event for the same fulfilment → ${status}; the snapshot and delivery fields update`, async () => {
        await setReview(state);
        await sleep(5);
        const { result, summary, changes } = await track(ctx.pool, () => post(ctx.pool, newEvent(13007900, 4)));
        expect(result).toEqual({ status, body: { ok: true, event_id: "13007900", review_status: state } });
        expect(summary).toMatchObject({ webhook_event: "+1", webhook_delivery: "+1", event_record: "+3", fulfilment: "~1" });
        expect(changes.webhook_delivery!.added[0]).toMatchObject({ status_code: status, outcome: "accepted" });
        const after = changes.fulfilment!.changed[0]!.after;
        expect(after).toMatchObject({ amount: "4.0000", delivery_count: 2, review_status: state, snapshot_event_id: "13007900" });
        if (state === "approved") expect(after.answered_200_at).toEqual(after.last_delivery_at);
        else expect(after.answered_200_at).toBeNull();
      });
    });

    it("approved but still undoable (inside FIRSTPROMOTER_SEND_DELAY_S): 202, and no 200 is recorded", async () => {
      await ctx.pool.query("UPDATE fulfilment SET review_status = 'approved', undo_until = now() + interval '1 minute', answered_200_at = NULL WHERE id = $1", [FULFILMENT]);
      const res = await post(ctx.pool, resend(false));
      expect(res.status).toBe(202);
      expect((await one(ctx.pool, "SELECT answered_200_at FROM fulfilment WHERE id = $1", [FULFILMENT])).answered_200_at).toBeNull();
      await ctx.pool.query("UPDATE fulfilment SET undo_until = now() - interval '1 second' WHERE id = $1", [FULFILMENT]);
      expect((await post(ctx.pool, resend(false))).status).toBe(200);
      await ctx.pool.query("UPDATE fulfilment SET review_status = 'pending', undo_until = NULL, answered_200_at = NULL WHERE id = $1", [FULFILMENT]);
    });

    it("repeated re-sends while pending: 202 each time, the count and last delivery move, the first delivery stays", async () => {
      const first = await one(ctx.pool, "SELECT first_delivery_at FROM fulfilment WHERE id = $1", [FULFILMENT]);
      for (let i = 0; i < 3; i++) {
        await sleep(3);
        expect((await post(ctx.pool, resend(false))).status).toBe(202);
      }
      const f = await one(ctx.pool, "SELECT * FROM fulfilment WHERE id = $1", [FULFILMENT]);
      expect(f).toMatchObject({ delivery_count: 4, has_issues: false, review_status: "pending", answered_200_at: null });
      expect(f.first_delivery_at).toEqual(first.first_delivery_at);
      const last = await one(ctx.pool, "SELECT max(received_at) AS t FROM webhook_delivery WHERE external_event_id = '13007875'");
      expect(f.last_delivery_at).toEqual(last.t);
    });

    it("approved after being held: the next re-send is answered 200", async () => {
      await setReview("held");
      expect((await post(ctx.pool, resend(false))).status).toBe(202);
      await setReview("approved");
      expect((await post(ctx.pool, resend(false))).status).toBe(200);
      expect(await rows(ctx.pool, "SELECT status_code FROM webhook_delivery WHERE external_event_id = '13007875' ORDER BY id")).toEqual([
        { status_code: 202 },
        { status_code: 202 },
        { status_code: 200 },
      ]);
    });
  });

  describe("503: database unreachable or too slow, nothing partial", () => {
    it("connection refused → 503 database_unavailable, quickly", async () => {
      const port = await closedPort();
      const down = createPool(`postgresql://postgres@127.0.0.1:${port}/ledger?sslmode=disable`, { max: 1, connectionTimeoutMillis: 500 });
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const countsBefore = await tableCounts(ctx.pool);
        const started = Date.now();
        const res = await post(down, freshLeadSignup(30000040));
        expect(res).toEqual({ status: 503, body: { error: { code: "database_unavailable", message: expect.any(String) } } });
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(await tableCounts(ctx.pool)).toEqual(countsBefore);
      } finally {
        error.mockRestore();
        await down.end();
      }
    });

    it("a database that accepts connections but never answers → 503 well within FirstPromoter's 15 s (the app's default timeouts)", async () => {
      const silent = await silentServer();
      const slow = createPool(silent.url, { max: 1 });
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const started = Date.now();
        const res = await post(slow, freshLeadSignup(30000041));
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ error: { code: "database_unavailable" } });
        expect(Date.now() - started).toBeLessThan(12_000);
      } finally {
        error.mockRestore();
        await slow.end();
        await silent.close();
      }
    }, 30_000);

    it("refusals are still answered when the database is down", async () => {
      const port = await closedPort();
      const down = createPool(`postgresql://postgres@127.0.0.1:${port}/ledger?sslmode=disable`, { max: 1, connectionTimeoutMillis: 300 });
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        expect((await post(down, freshLeadSignup(30000042), { secret: "wrong" })).status).toBe(401);
        expect((await post(down, "{", {})).status).toBe(400);
      } finally {
        error.mockRestore();
        await down.end();
      }
    });

    // On real Postgres the statement starts, waits for the lock and is cancelled by statement_timeout (57014);
    // the refusal's delivery row is then written. The embedded PGlite serves one transaction at a time: while
    // another connection holds one, new connections are not even served, so the answer comes from the connect
    // timeout and no delivery row can be written either. Row locks need real concurrency: real Postgres only.
    describe("too slow: a lock held elsewhere and statement_timeout 500 ms", () => {
      let holder: pg.Client;
      let slow: LedgerPool;
      beforeEach(async () => {
        holder = new pg.Client({ connectionString: ctx.db.url });
        await holder.connect();
        slow = createPool(ctx.db.url, { max: 2, statement_timeout: 500, query_timeout: 5_000, connectionTimeoutMillis: 1_000 });
      });
      afterEach(async () => {
        await holder.query("ROLLBACK").catch(() => {});
        await holder.end();
        await slow.end();
      });

      async function expectTimedOutThenAccepted(body: Body, lock: string, lockValues: unknown[] = []) {
        const before = await snapshot(ctx.pool);
        await holder.query("BEGIN");
        await holder.query(lock, lockValues);
        const error = vi.spyOn(console, "error").mockImplementation(() => {});
        let res: DeliveryResponse;
        let logged: string;
        try {
          res = await post(slow, body);
        } finally {
          logged = error.mock.calls.map((args) => args.map(String).join(" ")).join("\n");
          error.mockRestore();
          await holder.query("ROLLBACK");
        }
        expect(res).toEqual({ status: 503, body: { error: { code: "database_unavailable", message: expect.any(String) } } });
        expect(logged).toContain(String(body.event.id));
        if (onRealPostgres) expect(logged).toMatch(/statement timeout/);

        // Nothing of the event: only the refusal's delivery row (none on PGlite, see above).
        const after = await snapshot(ctx.pool);
        const changes = diff(before, after);
        if (!onRealPostgres) {
          expect(summarize(changes)).toEqual({});
        } else {
          expect(summarize(changes)).toEqual({ webhook_delivery: "+1" });
          expect(changes.webhook_delivery!.added[0]).toMatchObject({
            status_code: 503,
            outcome: "rejected",
            error_code: "database_unavailable",
            external_event_id: String(body.event.id),
            event_id: null,
          });
        }
        expect(await rows(ctx.pool, "SELECT 1 FROM webhook_event WHERE external_id = $1", [String(body.event.id)])).toEqual([]);

        // FirstPromoter re-sends only fulfilments, but an operator may replay: the same event is then new, not a duplicate.
        const again = await post(ctx.pool, body);
        expect(again.status).toBeLessThan(300);
        expect(again.body.duplicate).toBeUndefined();
        return again;
      }

      it("LOCK TABLE promoter held elsewhere → 503, no event row for the id", async () => {
        await expectTimedOutThenAccepted(freshLeadSignup(30000043), "LOCK TABLE promoter IN ACCESS EXCLUSIVE MODE");
      });

      it.skipIf(!onRealPostgres)("a locked promoter row (the event row is written first, then rolled back) → 503, nothing kept [real Postgres only]", async () => {
        const body = variant("lead_signup", 30000044, T0, (d) => (d.id = 555044));
        const again = await expectTimedOutThenAccepted(body, "SELECT 1 FROM promoter WHERE id = $1 FOR UPDATE", [3920164]);
        expect(again.status).toBe(200);
        expect(await one(ctx.pool, "SELECT promoter_id FROM lead WHERE id = 555044")).toEqual({ promoter_id: "3920164" });
      });

      it.skipIf(!onRealPostgres)("a locked fulfilment row during a re-send → 503, its delivery count unchanged [real Postgres only]", async () => {
        const before = await one(ctx.pool, "SELECT delivery_count, last_delivery_at FROM fulfilment WHERE id = 2429153");
        await holder.query("BEGIN");
        await holder.query("SELECT 1 FROM fulfilment WHERE id = 2429153 FOR UPDATE");
        const error = vi.spyOn(console, "error").mockImplementation(() => {});
        let res: DeliveryResponse;
        try {
          res = await post(slow, fixture("fulfilment_pending"));
        } finally {
          error.mockRestore();
          await holder.query("ROLLBACK");
        }
        expect(res.status).toBe(503);
        expect(await one(ctx.pool, "SELECT delivery_count, last_delivery_at FROM fulfilment WHERE id = 2429153")).toEqual(before);
        expect(await lastDelivery(ctx.pool)).toMatchObject({ status_code: 503, outcome: "rejected", external_event_id: "13007875" });
      });
    });
  });

  describe("500: anything unexpected, no stack trace, nothing partial", () => {
    afterEach(async () => {
      await ctx.pool.query("DROP TRIGGER IF EXISTS ledger_test_boom ON lead; DROP FUNCTION IF EXISTS ledger_test_boom()");
    });

    it("a statement failing for an unforeseen reason → 500 internal_error; the event id is logged, not the details", async () => {
      // A real database error no rule covers: a trigger that raises on any lead write.
      await ctx.pool.query(`CREATE FUNCTION ledger_test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'boom: simulated failure at line 42'; END $$`);
      await ctx.pool.query("CREATE TRIGGER ledger_test_boom BEFORE INSERT OR UPDATE ON lead FOR EACH ROW EXECUTE FUNCTION ledger_test_boom()");

      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      let tracked: Awaited<ReturnType<typeof track<DeliveryResponse>>>;
      try {
        tracked = await track(ctx.pool, () => post(ctx.pool, freshLeadSignup(30000050)));
        const logged = error.mock.calls.map((args) => args.map(String).join(" ")).join("\n");
        expect(logged).toContain("30000050");
      } finally {
        error.mockRestore();
      }
      const { result, summary, changes } = tracked;
      expect(result).toStrictEqual({ status: 500, body: { error: { code: "internal_error", message: "internal error" } } });
      const text = JSON.stringify(result.body);
      expect(text).not.toMatch(/boom|stack|\bat\s|\.ts:|node_modules/);
      // Nothing of the event (its promoter, promotion, campaign, event row were all in the same statement).
      expect(summary).toEqual({ webhook_delivery: "+1" });
      expect(changes.webhook_delivery!.added[0]).toMatchObject({
        status_code: 500,
        outcome: "rejected",
        error_code: "internal_error",
        external_event_id: "30000050",
        event_id: null,
      });
      expect(changes.webhook_delivery!.added[0].reason).not.toContain("boom");
    });
  });

  // Inputs a sender can produce that the contract answers with 4xx (or stores); a 500 loses the event,
  // since FirstPromoter does not retry. These fail today: see the report.
  describe("inputs that must not end in a 500", () => {
    it("a data timestamp Postgres cannot store (year 0000) → 422 naming the field, not 500", async () => {
      const body = variant("lead_signup", 30000060, T0, (d) => (d.customer_since = "0000-01-01T00:00:00Z"));
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const res = await post(ctx.pool, body);
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({ error: { code: "invalid_data", field: "data.customer_since" } });
      } finally {
        error.mockRestore();
      }
    });

    it("an event.created_at Postgres cannot store (year 0000) → 400 naming event.created_at, not 500", async () => {
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const res = await post(ctx.pool, freshLeadSignup(30000061, "0000-01-01T00:00:00Z"));
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ error: { code: "invalid_envelope", field: "event.created_at" } });
      } finally {
        error.mockRestore();
      }
    });

    it("a lone UTF-16 surrogate escape (\\ud800) in a string: 400 at the edge, the body kept on the delivery row", async () => {
      const body = variant("lead_signup", 30000062, T0, (d) => (d.email = "lone\ud800@example.com"));
      const { delivery } = await expectRefused(() => post(ctx.pool, JSON.stringify(body)), { status: 400, code: "invalid_envelope", field: "data.email", externalId: "30000062" });
      expect(Buffer.from(delivery.raw_body).toString("utf8")).toBe(JSON.stringify(body));
    });

    it("a NUL character in a string: 400 at the edge (Postgres keeps no NUL), the body kept on the delivery row", async () => {
      const body = variant("lead_signup", 30000063, T0, (d) => (d.email = "nul\u0000@example.com"));
      const { delivery } = await expectRefused(() => post(ctx.pool, body), { status: 400, code: "invalid_envelope", field: "data.email", externalId: "30000063" });
      expect(Buffer.from(delivery.raw_body).toString("utf8")).toContain("nul\\u0000@example.com");
    });

    it("event.id \"007\" is the same event as 7 (one event row, the second delivery a duplicate)", async () => {
      const a = freshLeadSignup(7);
      const b = freshLeadSignup(7);
      b.event.id = "007";
      expect((await post(ctx.pool, a)).status).toBe(200);
      const res = await post(ctx.pool, b);
      expect(res.body).toMatchObject({ duplicate: true });
      expect((await one(ctx.pool, "SELECT count(*)::int AS n FROM webhook_event WHERE external_id IN ('7', '007')")).n).toBe(1);
    });
  });

  // PGlite runs one statement at a time: the race below cannot happen there.
  describe.skipIf(!onRealPostgres)("concurrent re-send of a fulfilment still in flight [real Postgres only]", () => {
    it("counts both deliveries and links both delivery rows to the event", async () => {
      // Choreography: the first delivery of a new fulfilment_pending event blocks on a locked promoter row after
      // inserting its event row; the re-send of the same event then waits on that row's unique key. When the
      // lock is released, the first commits and the re-send finds a duplicate.
      await ctx.pool.query("TRUNCATE webhook_event, webhook_delivery, fulfilment CASCADE");
      const body = variant("fulfilment_pending", 13009999, "2023-08-25T10:00:00.000Z", (d) => (d.id = 2429999));
      const holder = new pg.Client({ connectionString: ctx.db.url });
      await holder.connect();
      // Two ingest connections: the re-send runs in its own backend instead of queueing behind the first.
      const racing = createPool(ctx.db.url, { max: 2, ingestConnections: 2 });
      const responses: DeliveryResponse[] = [];
      try {
        await holder.query("BEGIN");
        await holder.query("SELECT 1 FROM promoter WHERE id = 5272969 FOR UPDATE");
        const first = post(racing, body);
        await waitForBlocked(ctx.pool, 1);
        const second = post(racing, body);
        await waitForBlocked(ctx.pool, 2);
        await holder.query("COMMIT");
        const [r1, r2] = await Promise.all([first, second]);
        responses.push(r1, r2);
      } finally {
        await holder.query("ROLLBACK").catch(() => {});
        await holder.end();
        await racing.end();
      }
      const [r1, r2] = responses as [DeliveryResponse, DeliveryResponse];
      const fulfilment = await one(ctx.pool, "SELECT delivery_count FROM fulfilment WHERE id = 2429999");
      const deliveries = await rows(ctx.pool, "SELECT outcome, event_id FROM webhook_delivery WHERE external_event_id = '13009999' ORDER BY id");
      expect(r1).toEqual({ status: 202, body: { ok: true, event_id: "13009999", review_status: "pending" } });
      expect(deliveries.map((d) => d.outcome)).toEqual(["accepted", "duplicate"]);
      // Every re-send is counted and answered by the review state, as a sequential one is.
      expect.soft(fulfilment.delivery_count, "fulfilment.delivery_count").toBe(2);
      expect.soft(r2, "answer to the re-send").toEqual({ status: 202, body: { ok: true, event_id: "13009999", duplicate: true, review_status: "pending" } });
      expect.soft(deliveries.map((d) => d.event_id !== null), "delivery rows linked to the event").toEqual([true, true]);
    });
  });

  // Group commit (lib/db/pipelined-connections.ts) needs the pipelined connections: not in embedded mode.
  describe.skipIf(!onRealPostgres)("two copies of one event in the same group-commit batch [real Postgres only]", () => {
    it("commit together, yet the second is a duplicate: one event, projected once, both deliveries counted", async () => {
      await ctx.pool.query("TRUNCATE webhook_event, webhook_delivery, fulfilment CASCADE");
      const body = variant("fulfilment_pending", 13008888, "2023-08-25T10:00:00.000Z", (d) => (d.id = 2428888));
      const grouped = createPool(ctx.db.url, { max: 1, ingestConnections: 1 });
      let responses: DeliveryResponse[];
      try {
        responses = await Promise.all([post(grouped, body), post(grouped, body), post(grouped, freshLeadSignup(13008889))]);
      } finally {
        await grouped.end();
      }
      const deliveries = await rows(ctx.pool, "SELECT outcome, event_id IS NOT NULL AS linked, xmin::text AS tx FROM webhook_delivery ORDER BY id");
      // One transaction for all three deliveries: the batch was committed as one.
      expect(new Set(deliveries.map((d) => d.tx)).size).toBe(1);
      expect(deliveries.map((d) => [d.outcome, d.linked])).toEqual([["accepted", true], ["duplicate", true], ["accepted", true]]);
      expect(responses.map((r) => r.body.duplicate ?? false)).toEqual([false, true, false]);
      expect(await one(ctx.pool, "SELECT count(*)::int AS n FROM webhook_event WHERE external_id = '13008888'")).toEqual({ n: 1 });
      expect(await one(ctx.pool, "SELECT delivery_count FROM fulfilment WHERE id = 2428888")).toEqual({ delivery_count: 2 });
    });
  });
});

async function waitForBlocked(observer: pg.Pool, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await observer.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if ((r.rows[0]?.n ?? 0) >= n) return;
    await sleep(25);
  }
  throw new Error(`expected ${n} blocked statements`);
}
