// The outbox worker inside the production server (scripts/server.ts → Next → instrumentation.ts):
// started once per process, it sends an approval to a fake FirstPromoter API, FirstPromoter's
// confirmation shows in the database, and the next delivery is answered 200. A refused key pauses
// sends; the key never appears in the server's output or in any answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import { type FakeServer, serveFakeFirstPromoter } from "@/lib/fake-firstpromoter/serve-fake-firstpromoter.ts";
import { reviewFulfilments } from "@/lib/fulfilments/review-fulfilments.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type pg from "pg";
import { ensureBuild } from "../../scripts/lib/ensure-build.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { type NextServer, startNextServer } from "../helpers/next-server.ts";
import { variant } from "../integration/webhook/helpers.ts";

const SECRET = "outbox-server-webhook-secret";
const KEY = "fp-live-key-NEVER-LEAK-31415926";
const ACCOUNT = "acc-http-1";
const admin = { id: "admin-1", email: "admin@example.com" };

let db: TestDatabase;
let prisma: PrismaClient;
let pool: pg.Pool;
let api: FakeServer;
let server: NextServer;
const answers: string[] = [];

beforeAll(async () => {
  await ensureBuild({ log: () => {} });
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  api = await serveFakeFirstPromoter({ apiKey: KEY, accountId: ACCOUNT, answerDelayMs: 100 });
  server = await startNextServer({
    DATABASE_URL: db.url,
    WEBHOOK_SECRET: SECRET,
    LEDGER_WORKER: "1",
    FIRSTPROMOTER_API_URL: api.url,
    FIRSTPROMOTER_API_KEY: KEY,
    FIRSTPROMOTER_ACCOUNT_ID: ACCOUNT,
    FIRSTPROMOTER_SEND_DELAY_S: "1",
  });
}, 15 * 60_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

async function deliver(fulfilmentId: number, eventId: number): Promise<number> {
  const res = await fetch(`${server.url}/api/webhooks/firstpromoter`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${SECRET}` },
    body: JSON.stringify(variant("fulfilment_pending", eventId, "2025-03-01T10:00:00Z", (d) => (d.id = fulfilmentId))),
  });
  answers.push(await res.text());
  return res.status;
}

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const syncOf = async (id: number) => (await pool.query("SELECT sync_state FROM fulfilment WHERE id = $1", [id])).rows[0]?.sync_state as string;

describe("the outbox worker in the production server", () => {
  it("starts once with the server and carries an approval to FirstPromoter; the next delivery is answered 200", async () => {
    const id = 4_400_001;
    api.fake.seed([{ id, status: "approved", unit: "credits", amount: 2500, created_at: "2025-03-01T10:00:00Z", payoutOnApprove: true, payout: { id: 1, status: "pending" } }]);
    expect(await deliver(id, 77_000_001)).toBe(202);
    const config = { url: api.url, key: KEY, accountId: ACCOUNT, sendDelayMs: 1_000, budget: { perWindow: 300, windowMs: 60_000 } };
    await reviewFulfilments(prisma, { ids: [String(id)], decision: "approved" }, admin, null, config);
    expect(await deliver(id, 77_000_002)).toBe(202); // inside the undo window
    expect(await waitFor(() => syncOf(id), (s) => s === "confirmed")).toBe("confirmed");
    expect(api.fake.appliedCount("mark_fulfilled", id)).toBe(1);
    expect(await deliver(id, 77_000_003)).toBe(200);
    // register() ran once in this process: one worker announced itself.
    expect(server.output().match(/\[outbox\] worker .* started/g)).toHaveLength(1);
  });

  it("pauses on a refused key and never prints, stores or answers the key", async () => {
    const id = 4_400_002;
    api.fake.seed([{ id, status: "approved", unit: "credits", amount: 100, created_at: "2025-03-01T10:00:00Z", payoutOnApprove: true, payout: { id: 2, status: "pending" } }]);
    expect(await deliver(id, 77_000_010)).toBe(202);
    api.fake.inject({ kind: "unauthorized", times: 1 });
    const config = { url: api.url, key: KEY, accountId: ACCOUNT, sendDelayMs: 0, budget: { perWindow: 300, windowMs: 60_000 } };
    await reviewFulfilments(prisma, { ids: [String(id)], decision: "approved" }, admin, null, config);
    expect(await waitFor(() => syncOf(id), (s) => s === "paused")).toBe("paused");
    const dump = JSON.stringify([
      (await pool.query("SELECT * FROM audit_log")).rows,
      (await pool.query("SELECT * FROM fp_command")).rows,
      (await pool.query("SELECT * FROM fp_connection")).rows,
    ]);
    for (const text of [server.output(), dump, ...answers]) expect(text).not.toContain(KEY);
  });
});
