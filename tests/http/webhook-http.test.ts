// The webhook through real HTTP: the production server (`next start`, needs a current build) on a fresh
// test database. The contract's details are covered by tests/integration/webhook; this proves the route
// wires them up: secret as Bearer or path segment, statuses, JSON bodies, and the rows behind them.
import http from "node:http";
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPool } from "@/lib/db/pool.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { type NextServer, startNextServer } from "../helpers/next-server.ts";
import { closedPort, fixture, one, rows, truncateAll } from "../integration/webhook/helpers.ts";

const SECRET = "http-current-secret-1b2c3d";
const PREVIOUS = "http-previous-secret-9f8e7d";
const WEBHOOK = "/api/webhooks/firstpromoter";

let db: TestDatabase;
let server: NextServer;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.url, { max: 2 });
  server = await startNextServer({ DATABASE_URL: db.url, WEBHOOK_SECRET: SECRET, WEBHOOK_SECRET_PREVIOUS: PREVIOUS, LEDGER_DEMO: "0" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await pool?.end();
  await db?.drop();
});

beforeEach(() => truncateAll(pool));

async function send(pathname: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const res = await fetch(`${server.url}${pathname}`, {
    method: "POST",
    ...rest,
    headers: { "Content-Type": "application/json", ...(rest.headers as Record<string, string> | undefined) },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: left as text for the assertion to show
  }
  return { status: res.status, headers: res.headers, body: body as Record<string, unknown>, text };
}

const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });

describe("no redirect on the webhook, and no secret repeated", () => {
  it("answers with or without a trailing slash, on both routes, and never sends a Location", async () => {
    const a = await send(`${WEBHOOK}/`, { headers: bearer(SECRET), json: fixture("lead_signup"), redirect: "manual" });
    expect(a.status).toBe(200);
    expect(a.headers.get("location")).toBeNull();
    const b = await send(`${WEBHOOK}/${SECRET}/`, { json: fixture("fulfilment_pending"), redirect: "manual" });
    expect(b.status).toBe(202);
    expect(b.headers.get("location")).toBeNull();
    // Pages keep their redirect to the path without the slash.
    const page = await fetch(`${server.url}/promoters/`, { redirect: "manual" });
    expect(page.status).toBe(308);
    expect(new URL(page.headers.get("location") ?? "", server.url).pathname).toBe("/promoters");
  });

  it("a wrong secret in the path or a header is not repeated in the answer", async () => {
    const guess = "guessed-secret-value-7e7e7e";
    for (const res of [
      await send(`${WEBHOOK}/${guess}`, { json: fixture("lead_signup"), redirect: "manual" }),
      await send(`${WEBHOOK}/${guess}/`, { json: fixture("lead_signup"), redirect: "manual" }),
      await send(WEBHOOK, { headers: bearer(guess), json: fixture("lead_signup"), redirect: "manual" }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.text).not.toContain(guess);
      expect([...res.headers.values()].join("\n")).not.toContain(guess);
    }
  });
});

describe("POST /api/webhooks/firstpromoter over HTTP", () => {
  it("accepts a seed with the secret as a Bearer token: 200, stored and projected", async () => {
    const res = await send(WEBHOOK, { headers: bearer(SECRET), json: fixture("lead_signup") });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, event_id: "22736304" });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await one(pool, "SELECT status::text, type FROM webhook_event WHERE external_id = '22736304'")).toEqual({
      status: "processed",
      type: "lead_signup",
    });
    expect(await one(pool, "SELECT amount::float8 AS a FROM promoter_balance WHERE promoter_id = 3920164 AND kind = 'earnings'")).toEqual({ a: 50744 });
    expect(await one(pool, "SELECT status_code, outcome, body_bytes FROM webhook_delivery")).toEqual({
      status_code: 200,
      outcome: "accepted",
      body_bytes: Buffer.byteLength(JSON.stringify(fixture("lead_signup"))),
    });
  });

  it("accepts a seed with the secret as the last path segment: fulfilment_pending → 202", async () => {
    const res = await send(`${WEBHOOK}/${SECRET}`, { json: fixture("fulfilment_pending") });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ ok: true, event_id: "13007875", review_status: "pending" });
    expect(await one(pool, "SELECT review_status::text, delivery_count FROM fulfilment WHERE id = 2429153")).toEqual({
      review_status: "pending",
      delivery_count: 1,
    });

    // Approved in Ledger: the next re-send is answered 200, so FirstPromoter marks it fulfilled.
    await pool.query("UPDATE fulfilment SET review_status = 'approved' WHERE id = 2429153");
    const again = await send(`${WEBHOOK}/${SECRET}`, { json: fixture("fulfilment_pending") });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ok: true, event_id: "13007875", duplicate: true, review_status: "approved" });
  });

  it("accepts the previous secret (rotation), as Bearer and in the path", async () => {
    expect((await send(WEBHOOK, { headers: bearer(PREVIOUS), json: fixture("promoter_signed_up") })).status).toBe(200);
    const dup = await send(`${WEBHOOK}/${PREVIOUS}`, { json: fixture("promoter_signed_up") });
    expect(dup.status).toBe(200);
    expect(dup.body).toMatchObject({ duplicate: true });
    expect(await one(pool, "SELECT count(*)::int AS n FROM webhook_event")).toEqual({ n: 1 });
    expect((await one(pool, "SELECT payload::text AS p FROM webhook_event")).p).not.toContain("temp_password");
  });

  it.each([
    ["no secret", WEBHOOK, {}],
    ["a wrong Bearer token", WEBHOOK, bearer("wrong")],
    ["a wrong path secret", `${WEBHOOK}/wrong`, {}],
    ["the secret one segment too deep", `${WEBHOOK}/${SECRET}/extra`, {}],
  ])("401 with %s: JSON error, a delivery row, nothing else", async (_label, pathname, headers) => {
    const res = await send(pathname, { headers, json: fixture("reward_created") });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect(await rows(pool, "SELECT status_code, outcome, error_code FROM webhook_delivery")).toEqual([
      { status_code: 401, outcome: "rejected", error_code: "unauthorized" },
    ]);
    expect(await one(pool, "SELECT count(*)::int AS n FROM webhook_event")).toEqual({ n: 0 });
  });

  it("415 for a body that is not declared JSON", async () => {
    const res = await send(WEBHOOK, {
      headers: { ...bearer(SECRET), "Content-Type": "text/plain" },
      body: JSON.stringify(fixture("lead_signup")),
    });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ error: { code: "unsupported_media_type", message: expect.any(String) } });
    expect(await one(pool, "SELECT count(*)::int AS n FROM webhook_event")).toEqual({ n: 0 });
  });

  it("accepts application/json with a charset", async () => {
    const res = await send(WEBHOOK, {
      headers: { ...bearer(SECRET), "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify(fixture("reward_created")),
    });
    expect(res.status).toBe(200);
  });

  it("400 naming the field for an invalid envelope; no stack trace in any error body", async () => {
    const body = fixture("lead_signup");
    body.event.id = "abc";
    const res = await send(WEBHOOK, { headers: bearer(SECRET), json: body });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "invalid_envelope", message: expect.any(String), field: "event.id" } });
    expect(res.text).not.toMatch(/\bat\s.*\(|\.ts:\d|node_modules/);
  });

  it("413 for a body over 1 MiB, with Content-Length and streamed without it", async () => {
    // Each on its own connection: the server answers without reading the whole body, so it is not reused.
    const withLength = await postBig(`${server.url}${WEBHOOK}`, bearer(SECRET), 1024 * 1024 + 1, { chunked: false });
    expect(withLength.status).toBe(413);

    const chunked = await postBig(`${server.url}${WEBHOOK}`, bearer(SECRET), 3 * 1024 * 1024, { chunked: true });
    expect(chunked.status).toBe(413);
    expect(chunked.body).toMatchObject({ error: { code: "payload_too_large" } });
    expect(await rows(pool, "SELECT status_code FROM webhook_delivery ORDER BY id")).toEqual([{ status_code: 413 }, { status_code: 413 }]);
  });

  it("answers only POST", async () => {
    const res = await fetch(`${server.url}${WEBHOOK}/${SECRET}`, { method: "GET" });
    await res.body?.cancel();
    expect(res.status).toBe(405);
  });
});

describe("GET /api/health", () => {
  it("200 when the database answers", async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: "up" });
  });
});

describe("with the database down", () => {
  let down: NextServer;
  beforeAll(async () => {
    const port = await closedPort();
    down = await startNextServer({
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/ledger?sslmode=disable`,
      DATABASE_CONNECT_TIMEOUT_MS: "500",
      WEBHOOK_SECRET: SECRET,
      LEDGER_DEMO: "0",
    });
  }, 120_000);
  afterAll(async () => {
    await down?.stop();
  });

  it("health answers 503 and the webhook 503 database_unavailable", async () => {
    const health = await fetch(`${down.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ ok: false, database: "down" });

    const res = await fetch(`${down.url}${WEBHOOK}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...bearer(SECRET) },
      body: JSON.stringify(fixture("lead_signup")),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: "database_unavailable", message: expect.any(String) } });
  });
});

/** POSTs `total` bytes over a fresh connection, with Content-Length or chunked (no Content-Length). */
function postBig(
  url: string,
  headers: Record<string, string>,
  total: number,
  opts: { chunked: boolean },
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          ...headers,
          "Content-Type": "application/json",
          ...(opts.chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(total) }),
        },
      },
      (res) => {
        answered = true;
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
        res.on("error", reject);
      },
    );
    // Writing into a connection the server has stopped reading may fail once the answer is in: expected.
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, "x");
    let sent = 0;
    const pump = () => {
      while (!answered && sent < total) {
        const part = chunk.subarray(0, Math.min(chunk.byteLength, total - sent));
        sent += part.byteLength;
        if (!req.write(part)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}
