// The v2 webhook (POST /api/webhooks/firstpromoter/v2), through receiveDelivery(): every documented
// example projected to the values it shows, every row of the contract in the v1 order, both forms of
// authentication, the test delivery, and the hardening rules of the v1 edge.
import { describe, expect, it } from "vitest";
import { createPool } from "@/lib/db/pool.ts";
import {
  closedPort,
  freshUuid,
  type Json,
  lastDelivery,
  one,
  post,
  postV2,
  PREVIOUS_SECRET,
  rows,
  SECRET,
  track,
  useTestDatabase,
  type V2Body,
  v2Envelope,
  v2Fixture,
} from "./helpers.ts";

const ctx = useTestDatabase();

/** A documented example with a fresh event id (so each test's copy is a new event). */
function doc(name: string, edit?: (b: V2Body) => void): V2Body {
  const body = v2Fixture(name);
  body.event_id = freshUuid();
  edit?.(body);
  return body;
}

const accepted = (id: string, extra: Json = {}) => ({ status: 200, body: { ok: true, event_id: id, ...extra } });

describe("FirstPromoter's documented v2 examples, each delivered to an empty database", () => {
  it("promoter.created → the promoter with its name, cust_id, profile and join date; no balance, no status (no campaign yet)", async () => {
    const body = doc("doc-payload-promoter-created");
    expect(await postV2(ctx.pool, body)).toEqual(accepted(body.event_id));
    const p = await one(ctx.pool, "SELECT * FROM promoter WHERE id = 12345");
    expect(p).toMatchObject({
      email: "jane@example.com",
      name: "Jane Smith",
      cust_id: "cus_abc123",
      first_name: "Jane",
      last_name: "Smith",
      status: null,
      deleted: false,
      snapshot_event_id: null,
    });
    expect(p.fp_created_at.toISOString()).toBe("2025-01-15T10:30:00.000Z");
    // Empty strings are no value (as in v1): only what was said is kept.
    expect(p.profile).toEqual({ id: 98765, first_name: "Jane", last_name: "Smith", website: "https://janesmith.com", country: "US" });
    expect(await rows(ctx.pool, "SELECT * FROM promoter_balance")).toEqual([]);
    const event = await one(ctx.pool, "SELECT source, type, entity_type, status, occurred_at FROM webhook_event");
    expect(event).toMatchObject({ source: "firstpromoter_v2", type: "promoter.created", entity_type: "promoter", status: "processed" });
    expect(event.occurred_at.toISOString()).toBe("2025-01-15T10:30:00.000Z");
    expect(await lastDelivery(ctx.pool)).toMatchObject({ format: "v2", status_code: 200, outcome: "accepted", external_event_id: body.event_id });
  });

  it("referral.updated → the lead (v1's name for a referral): state active, customer since, fraud_check in the suspicion column", async () => {
    const body = doc("doc-payload-referral-updated");
    expect(await postV2(ctx.pool, body)).toEqual(accepted(body.event_id));
    const lead = await one(ctx.pool, "SELECT * FROM lead WHERE id = 55678");
    expect(lead).toMatchObject({ state: "active", email: "user@example.com", uid: "user_ext_id", suspicion: "no_suspicion", deleted: false });
    expect(lead.customer_since.toISOString()).toBe("2025-01-20T14:00:00.000Z");
    expect(lead.fp_created_at.toISOString()).toBe("2025-01-18T09:00:00.000Z");
  });

  it("commission.updated (cash, approved) → the reward with status, amount in cents and unit, its referral; not a fulfilment (cash is paid by FirstPromoter)", async () => {
    const body = doc("doc-payload-commission-updated");
    expect(await postV2(ctx.pool, body)).toEqual(accepted(body.event_id));
    expect(await one(ctx.pool, "SELECT status, amount::text, unit, lead_id::text, deleted FROM reward WHERE id = 88901")).toEqual({
      status: "approved",
      amount: "2500.0000",
      unit: "cash",
      lead_id: "55678",
      deleted: false,
    });
    expect(await one(ctx.pool, "SELECT email, uid FROM lead WHERE id = 55678")).toEqual({ email: "user@example.com", uid: "user_ext_id" });
    expect(await rows(ctx.pool, "SELECT id FROM fulfilment")).toEqual([]);
  });

  it("contract_document.signed → stored raw and shown, projected nowhere (200, ignored)", async () => {
    const body = doc("doc-payload-contract-document-signed");
    expect(await postV2(ctx.pool, body)).toEqual(accepted(body.event_id, { ignored: true }));
    expect(await one(ctx.pool, "SELECT status, entity_type, payload -> 'data' ->> 'signed_at' AS signed FROM webhook_event")).toEqual({
      status: "ignored",
      entity_type: "contractdocument",
      signed: "2025-01-22T08:45:00Z",
    });
    expect(await rows(ctx.pool, "SELECT 1 FROM promoter UNION ALL SELECT 1 FROM event_record")).toEqual([]);
  });

  it("commission.created (points, pending) → a pending reward, not yet a fulfilment", async () => {
    const body = doc("doc-non-monetary-commission-created-non-monetary");
    expect(await postV2(ctx.pool, body)).toEqual(accepted(body.event_id));
    expect(await one(ctx.pool, "SELECT status, amount::int, unit FROM reward WHERE id = 88901")).toEqual({ status: "pending", amount: 500, unit: "points" });
    expect(await rows(ctx.pool, "SELECT id FROM fulfilment")).toEqual([]);
  });

  it("commission.updated (points, pending → approved) → a pending fulfilment in the review queue, one row per FirstPromoter id", async () => {
    await postV2(ctx.pool, doc("doc-non-monetary-commission-created-non-monetary"));
    const body = doc("doc-non-monetary-commission-updated-approved");
    expect(await postV2(ctx.pool, body)).toEqual(accepted(body.event_id));
    expect(await one(ctx.pool, "SELECT status FROM reward WHERE id = 88901")).toEqual({ status: "approved" });
    expect(await one(ctx.pool, "SELECT format, review_status::text, sync_state::text, amount::int, unit, fp_outcome FROM fulfilment WHERE id = 88901")).toEqual({
      format: "v2",
      review_status: "pending",
      sync_state: "awaiting_review",
      amount: 500,
      unit: "points",
      fp_outcome: null,
    });
    // The same event again, and another approval snapshot: still one row.
    expect((await postV2(ctx.pool, body)).body).toMatchObject({ duplicate: true });
    await postV2(ctx.pool, doc("doc-non-monetary-commission-updated-approved", (b) => (b.timestamp = "2025-01-19T10:31:00Z")));
    expect(await rows(ctx.pool, "SELECT id::text FROM fulfilment")).toEqual([{ id: "88901" }]);
  });

  it("payout.updated (completed; built from the Payout schema) → the payout with its period, promoter and campaign", async () => {
    const body = doc("schema-payout-updated-completed");
    expect(await postV2(ctx.pool, body)).toEqual(accepted(body.event_id));
    const p = await one(ctx.pool, "SELECT status, amount::int, unit, promoter_id::text, campaign_id::text, period_start, paid_at, error, deleted FROM payout WHERE id = 7001");
    expect(p).toMatchObject({ status: "completed", amount: 500, unit: "points", promoter_id: "12345", campaign_id: "301", error: null, deleted: false });
    expect(p.period_start.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(await one(ctx.pool, "SELECT email, name FROM promoter WHERE id = 12345")).toEqual({ email: "jane@example.com", name: "Jane Smith" });
    expect(await one(ctx.pool, "SELECT name FROM campaign WHERE id = 301")).toEqual({ name: "Loyalty" });
    expect(await one(ctx.pool, "SELECT record_type::text FROM event_record WHERE record_id = 7001")).toEqual({ record_type: "payout" });
  });

  it("promoter_campaign.accepted (entity_type PromoterCampaign, as the OpenAPI spells it) → the membership with its state and ref token", async () => {
    const body = doc("schema-promoter-campaign-accepted");
    expect(await postV2(ctx.pool, body)).toEqual(accepted(body.event_id));
    expect(await one(ctx.pool, "SELECT state, ref_id, referral_link, promoter_id::text, campaign_id::text FROM promotion WHERE id = 4301")).toEqual({
      state: "accepted",
      ref_id: "jane25",
      referral_link: "https://example.com/?fpr=jane25",
      promoter_id: "12345",
      campaign_id: "301",
    });
    expect(await one(ctx.pool, "SELECT entity_type FROM webhook_event")).toEqual({ entity_type: "promotercampaign" });
  });

  it("promoter.balance.updated → the earnings balance per unit, and the promoter's status from its campaign states", async () => {
    const body = doc("schema-promoter-balance-updated");
    expect(await postV2(ctx.pool, body)).toEqual(accepted(body.event_id));
    expect(await rows(ctx.pool, "SELECT kind::text, unit, amount::int FROM promoter_balance WHERE promoter_id = 12345 ORDER BY unit")).toEqual([
      { kind: "earnings", unit: "cash", amount: 2500 },
      { kind: "earnings", unit: "points", amount: 500 },
    ]);
    expect(await one(ctx.pool, "SELECT status FROM promoter WHERE id = 12345")).toEqual({ status: "active" });
  });

  it("payout.commissions.added (undocumented payload) → the link when both ids are present; without them, stored raw only", async () => {
    const body = doc("schema-payout-commissions-added");
    expect(await postV2(ctx.pool, body)).toEqual(accepted(body.event_id));
    expect(await rows(ctx.pool, "SELECT payout_id::text, commission_id::text, deleted FROM payout_commission")).toEqual([
      { payout_id: "7001", commission_id: "88901", deleted: false },
    ]);
    const bare = doc("schema-payout-commissions-added", (b) => (b.data = { id: 5 }));
    expect(await postV2(ctx.pool, bare)).toEqual(accepted(bare.event_id));
    expect(await one(ctx.pool, "SELECT status FROM webhook_event WHERE external_id = $1", [bare.event_id])).toEqual({ status: "processed" });
    expect(await rows(ctx.pool, "SELECT 1 FROM payout_commission")).toHaveLength(1);
  });
});

describe("the v2 contract, in the v1 order", () => {
  const fresh = () => doc("doc-payload-referral-updated");

  it("401: no secret, a wrong Bearer, a wrong Basic password, a path secret (v2 has none) — a delivery row each, nothing else", async () => {
    for (const opts of [{ secret: null }, { secret: "wrong" }, { secret: "wrong", via: "basic" as const }, { authorization: `Basic ${Buffer.from(`${SECRET}:x`).toString("base64")}` }]) {
      const { result, summary } = await track(ctx.pool, () => postV2(ctx.pool, fresh(), opts));
      expect(result.status).toBe(401);
      expect(result.body).toMatchObject({ error: { code: "unauthorized" } });
      expect(summary).toEqual({ webhook_delivery: "+1" });
    }
    const { result } = await track(ctx.pool, () => postV2(ctx.pool, fresh(), { via: "path", authorization: null }));
    expect(result.status).toBe(401);
    expect(await rows(ctx.pool, "SELECT DISTINCT format FROM webhook_delivery")).toEqual([{ format: "v2" }]);
  });

  it("authenticates by Bearer or Basic (any user name), with the current or the previous secret", async () => {
    for (const secret of [SECRET, PREVIOUS_SECRET]) {
      const bearer = fresh();
      expect((await postV2(ctx.pool, bearer, { secret, via: "bearer" })).status).toBe(200);
      const basic = fresh();
      expect((await postV2(ctx.pool, basic, { secret, via: "basic" })).status).toBe(200);
      const otherUser = fresh();
      const auth = `Basic ${Buffer.from(`any-user-name:${secret}`).toString("base64")}`;
      expect((await postV2(ctx.pool, otherUser, { authorization: auth })).status).toBe(200);
    }
    expect(await rows(ctx.pool, "SELECT count(*)::int AS n FROM webhook_event")).toEqual([{ n: 6 }]);
  });

  it("413 and 415 as for v1, the size recorded", async () => {
    const big = fresh();
    big.data.website = "x".repeat(1024 * 1024);
    const tooBig = await postV2(ctx.pool, big);
    expect(tooBig.status).toBe(413);
    expect((await lastDelivery(ctx.pool)).body_bytes).toBeGreaterThan(1024 * 1024);
    expect((await postV2(ctx.pool, fresh(), { contentType: "text/plain" })).status).toBe(415);
  });

  it("400: not JSON, a v1 body (names the v1 URL), a broken envelope, a mismatching X-Event-Id; a missing X-Event-Id is fine", async () => {
    const notJson = await postV2(ctx.pool, "{nope");
    expect(notJson.status).toBe(400);
    const v1 = { event: { id: 1, type: "lead_signup", created_at: "2024-10-04T10:00:00Z" }, data: { id: 1 } };
    const wrongUrl = await postV2(ctx.pool, v1);
    expect(wrongUrl.status).toBe(400);
    expect(wrongUrl.body).toMatchObject({ error: { code: "invalid_envelope", message: expect.stringContaining("/api/webhooks/firstpromoter") } });
    for (const broken of [
      { ...fresh(), action: "archived" },
      { ...fresh(), timestamp: "yesterday" },
      { ...fresh(), timestamp: "2025-01-20T14:00:05.1234567Z" },
      { ...fresh(), event_id: "" },
      { ...fresh(), data: [1, 2] },
      (() => {
        const b: Json = fresh();
        delete b.entity_type;
        return b;
      })(),
    ]) {
      const { result, summary } = await track(ctx.pool, () => postV2(ctx.pool, broken));
      expect(result.status, JSON.stringify(broken).slice(0, 120)).toBe(400);
      expect(summary).toEqual({ webhook_delivery: "+1" });
    }
    const body = fresh();
    const mismatch = await postV2(ctx.pool, body, { eventIdHeader: "another-id" });
    expect(mismatch).toMatchObject({ status: 400, body: { error: { field: "X-Event-Id" } } });
    expect((await lastDelivery(ctx.pool)).external_event_id).toBe(body.event_id);
    expect((await postV2(ctx.pool, body, { eventIdHeader: body.event_id })).status).toBe(200);
    expect((await postV2(ctx.pool, fresh())).status).toBe(200);
  });

  it("the v1 URL answers a v2 body with a 400 naming the v2 URL", async () => {
    const res = await post(ctx.pool, fresh());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { message: expect.stringContaining("/api/webhooks/firstpromoter/v2") } });
  });

  it("422: data breaking its entity's schema is stored as failed; its re-delivery answers the same and adds only a delivery row", async () => {
    const body = fresh();
    body.data.customer_since = "not a date";
    const first = await postV2(ctx.pool, body);
    expect(first).toMatchObject({ status: 422, body: { error: { code: "invalid_data", field: "data.customer_since" } } });
    expect(await one(ctx.pool, "SELECT status FROM webhook_event")).toEqual({ status: "failed" });
    const { result, summary } = await track(ctx.pool, () => postV2(ctx.pool, body));
    expect(result).toEqual(first);
    expect(summary).toEqual({ webhook_delivery: "+1" });
    // A number Postgres cannot hold, anywhere: 422 naming its path.
    const huge = fresh();
    huge.data.metadata = { score: "PLACEHOLDER" };
    const res = await postV2(ctx.pool, JSON.stringify(huge).replace('"PLACEHOLDER"', "1e131072"));
    expect(res).toMatchObject({ status: 422, body: { error: { field: "data.metadata.score" } } });
  });

  it("an unknown entity kind: 200, stored raw (ignored); a new event 200; its copy 200 duplicate", async () => {
    const unknown = v2Envelope("payments_batch.completed", "updated", { id: 9, status: "completed" }, "2025-01-20T00:00:00Z", { entity_type: "payments_batch" });
    expect(await postV2(ctx.pool, unknown)).toEqual(accepted(unknown.event_id, { ignored: true }));
    const body = fresh();
    expect(await postV2(ctx.pool, body)).toEqual(accepted(body.event_id));
    const { result, summary } = await track(ctx.pool, () => postV2(ctx.pool, body));
    expect(result).toEqual(accepted(body.event_id, { duplicate: true }));
    expect(summary).toEqual({ webhook_delivery: "+1" });
  });

  it("the same id in v1 and v2 are different events (each format is its own id space)", async () => {
    const v2 = v2Envelope("referral.updated", "updated", { id: 1, state: "signup" }, "2025-01-20T00:00:00Z", { event_id: "42" });
    expect((await postV2(ctx.pool, v2)).body).not.toHaveProperty("duplicate");
    expect((await post(ctx.pool, { event: { id: 42, type: "lead_signup", created_at: "2024-10-04T10:00:00Z" }, data: { id: 2, email: "a@b.c" } })).body).not.toHaveProperty("duplicate");
    expect(await rows(ctx.pool, "SELECT source FROM webhook_event ORDER BY source")).toEqual([{ source: "firstpromoter" }, { source: "firstpromoter_v2" }]);
  });

  it("FirstPromoter's “Send test” (a real type, data {test: true}): 200, logged as a test, nothing else stored", async () => {
    const test = v2Envelope("referral.created", "created", { test: true }, "2025-01-20T00:00:00Z");
    const { result, summary } = await track(ctx.pool, () => postV2(ctx.pool, test));
    expect(result).toEqual(accepted(test.event_id, { test: true }));
    expect(summary).toEqual({ webhook_delivery: "+1" });
    expect(await lastDelivery(ctx.pool)).toMatchObject({ status_code: 200, outcome: "test", format: "v2", event_type: "referral.created", event_id: null });
  });

  it("503 when the database does not answer, logged", async () => {
    const port = await closedPort();
    const dead = createPool(`postgresql://postgres@127.0.0.1:${port}/ledger?sslmode=disable`, { max: 1, connectionTimeoutMillis: 500 });
    try {
      const res = await postV2(dead, fresh());
      expect(res).toEqual({ status: 503, body: { error: { code: "database_unavailable", message: expect.any(String) } } });
    } finally {
      await dead.end();
    }
  });
});

describe("the v1 edge's hardening, on v2", () => {
  it("depth > 64 and NUL are refused (400) with the body kept on the delivery row", async () => {
    const deep = doc("doc-payload-referral-updated");
    let node: Json = {};
    deep.data.metadata = node;
    for (let i = 0; i < 70; i++) node = node.x = {};
    const res = await postV2(ctx.pool, deep);
    expect(res.status).toBe(400);
    const row = await lastDelivery(ctx.pool);
    expect(row.raw_body.toString("utf8")).toContain(deep.event_id);
    const nul = doc("doc-payload-referral-updated", (b) => (b.data.email = "a\u0000@example.com"));
    expect((await postV2(ctx.pool, nul)).status).toBe(400);
  });

  it("__proto__ and constructor are plain keys: stored as sent, never projected as fields", async () => {
    const raw = JSON.stringify(doc("doc-payload-promoter-created")).replace('"email":"jane@example.com",', '"__proto__":{"email":"forged@example.com","status":"blocked"},"constructor":{"x":1},');
    const res = await postV2(ctx.pool, raw);
    expect(res.status).toBe(200);
    expect(await one(ctx.pool, "SELECT email, status FROM promoter WHERE id = 12345")).toEqual({ email: null, status: null });
    expect(await one(ctx.pool, "SELECT payload -> 'data' -> '__proto__' ->> 'email' AS forged FROM webhook_event")).toEqual({ forged: "forged@example.com" });
  });

  it("credentials in promoter data are removed before storage", async () => {
    const body = doc("doc-payload-promoter-created", (b) => {
      b.data.password_setup_url = "https://app.firstpromoter.com/setup?token=secret-token";
      b.data.auth_token = "tok_123";
    });
    expect((await postV2(ctx.pool, body)).status).toBe(200);
    const stored = await one(ctx.pool, "SELECT payload::text AS p FROM webhook_event");
    expect(stored.p).not.toContain("secret-token");
    expect(stored.p).not.toContain("tok_123");
  });
});
