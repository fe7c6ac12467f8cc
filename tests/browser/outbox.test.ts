// Approvals reaching FirstPromoter, in Chromium: the server runs its outbox worker against a fake
// FirstPromoter API (seeded from the demo stream, its answers delayed), an admin approves in the
// queue and watches the row go "sending" → "sent" → "confirmed by FirstPromoter" within the send
// delay plus 5 s; Undo inside the window sends nothing; Settings shows the connection (key masked),
// Test connection and, after a refused key, the banner every page shows admins. Screenshots of the
// queue in every sync state, at 1366 px and 390 px.
import type pg from "pg";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import { commissionsFromStream } from "@/lib/fake-firstpromoter/seed-from-stream.ts";
import { type FakeServer, serveFakeFirstPromoter } from "@/lib/fake-firstpromoter/serve-fake-firstpromoter.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { DEMO, demoStream, loadDemoData } from "../../scripts/lib/demo-data.ts";
import { ensureBuild } from "../../scripts/lib/ensure-build.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { type NextServer, startNextServer } from "../helpers/next-server.ts";
import { type BrowserHarness, launchBrowser, shot, signIn } from "./helpers.ts";

const PASSWORD = "browser password 12345";
const ADMIN = { email: "olga.admin@example.com", name: "Olga Admin", role: "admin" as const, password: PASSWORD };
const VIEWER = { email: "vic.viewer@example.com", name: "Vic Viewer", role: "viewer" as const, password: PASSWORD };
const SECRET = "browser-outbox-secret-9a8b";
const KEY = "fp_live_BROWSER_KEY_6789";
const ACCOUNT = "acc-browser";
const SEND_DELAY_S = 3;

let db: TestDatabase;
let prisma: PrismaClient;
let pool: pg.Pool;
let api: FakeServer;
let server: NextServer;
let browser: BrowserHarness;
let admin: Page;

beforeAll(async () => {
  await ensureBuild({ log: () => {} });
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  await createUser(prisma, ADMIN, { id: "cli", email: "cli" });
  await createUser(prisma, VIEWER, { id: "cli", email: "cli" });
  // Answers held longer than the list's auto-refresh interval (2 s), so the "sent" state is seen.
  api = await serveFakeFirstPromoter({ apiKey: KEY, accountId: ACCOUNT, answerDelayMs: 2_500 });
  api.fake.seed(commissionsFromStream(demoStream(), DEMO.seed));
  server = await startNextServer({
    DATABASE_URL: db.url,
    WEBHOOK_SECRET: SECRET,
    LEDGER_DEMO: "0",
    LEDGER_WORKER: "1",
    FIRSTPROMOTER_API_URL: api.url,
    FIRSTPROMOTER_API_KEY: KEY,
    FIRSTPROMOTER_ACCOUNT_ID: ACCOUNT,
    FIRSTPROMOTER_SEND_DELAY_S: String(SEND_DELAY_S),
  });
  const summary = await loadDemoData({ webhookUrl: `${server.url}/api/webhooks/firstpromoter`, secret: SECRET });
  if (summary.includes("first problem")) throw new Error(`demo data: ${summary}`);
  browser = await launchBrowser(server.url);
  admin = await browser.newPage({ width: 1366, height: 900 });
  await signIn(admin, ADMIN);
  await admin.waitForURL((u) => u.pathname === "/");
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await api?.stop();
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

const q = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => (await pool.query(sql, params)).rows as T[];

/** A pending fulfilment whose commission the fake shows approved with a payout (it fulfils at once). */
async function readyFulfilment(skip: string[] = []): Promise<string> {
  const pending = await q<{ id: string }>("SELECT id::text FROM fulfilment WHERE review_status = 'pending' ORDER BY id");
  const ready = pending.map((p) => p.id).find((id) => !skip.includes(id) && api.fake.commissions.get(Number(id))?.payout?.status === "pending" && api.fake.commissions.get(Number(id))?.status === "approved");
  if (!ready) throw new Error("no ready fulfilment in the demo data");
  return ready;
}

async function approveInUi(page: Page, id: string) {
  await page.goto(`/fulfilments?q=${id}&review_status=all`);
  const box = page.getByRole("checkbox", { name: `Select row ${id}` });
  await box.click();
  await page.getByRole("region", { name: "Selected fulfilments" }).getByRole("button", { name: /Approve/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText(/mark each one fulfilled/).waitFor();
  await dialog.getByRole("button", { name: "Approve 1 fulfilment" }).click();
  await dialog.waitFor({ state: "hidden" });
}

const syncCell = (page: Page, id: string) => page.locator("tbody tr", { has: page.getByRole("link", { name: id, exact: true }) }).locator("[data-sync-state]");

describe("approving with FirstPromoter's API connected", () => {
  it("the row goes sending → sent → confirmed by FirstPromoter within the send delay plus 5 s", async () => {
    const id = await readyFulfilment();
    await approveInUi(admin, id);
    await admin.getByRole("status").getByRole("button", { name: /Undo/ }).waitFor();
    await expect.poll(() => syncCell(admin, id).getAttribute("data-sync-state")).toBe("sending");
    await shot(admin, "outbox-approved-sending-1366");
    // The fake holds its answer: the auto-refreshing list shows the send in flight, then its outcome.
    const wait = { timeout: (SEND_DELAY_S + 8) * 1000, interval: 200 };
    await expect.poll(() => syncCell(admin, id).getAttribute("data-sync-state"), wait).toBe("sent");
    await shot(admin, "outbox-sent-1366");
    await expect.poll(() => syncCell(admin, id).getAttribute("data-sync-state"), wait).toBe("confirmed");
    await shot(admin, "outbox-confirmed-1366");
    expect(api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
    // It reached FirstPromoter within the send delay plus 5 s of the decision.
    const [decided] = await q<{ at: Date }>("SELECT reviewed_at AS at FROM fulfilment WHERE id = $1", [id]);
    const call = api.fake.calls.find((c) => c.path.endsWith("/mark_fulfilled") && c.ids.includes(Number(id)));
    expect(call).toBeDefined();
    expect(call!.at - decided!.at.getTime()).toBeLessThan((SEND_DELAY_S + 5) * 1000);
    expect(call!.at - decided!.at.getTime()).toBeGreaterThanOrEqual(SEND_DELAY_S * 1000 - 50);
    // Its detail page tells the story: the command, and the send and answer in its history.
    await admin.goto(`/fulfilments/${id}`);
    await admin.getByText("Sent to FirstPromoter", { exact: true }).waitFor();
    await admin.getByText("Confirmed by FirstPromoter").first().waitFor();
    await shot(admin, "outbox-fulfilment-detail-1366");
  });

  it("Undo inside the window puts it back and nothing reaches FirstPromoter", async () => {
    const id = await readyFulfilment();
    await approveInUi(admin, id);
    await admin.getByRole("status").getByRole("button", { name: /Undo/ }).click();
    await admin.getByText(/back as before, and nothing was sent/).waitFor();
    await new Promise((r) => setTimeout(r, (SEND_DELAY_S + 2) * 1000));
    expect(await q("SELECT review_status::text, sync_state::text FROM fulfilment WHERE id = $1", [id])).toEqual([{ review_status: "pending", sync_state: "awaiting_review" }]);
    expect(api.fake.calls.some((c) => c.ids.includes(Number(id)))).toBe(false);
  });
});

describe("Settings", () => {
  it("shows the connection with the key masked, tests it, and never shows the key", async () => {
    await admin.goto("/settings");
    await admin.getByRole("heading", { name: "Settings", exact: true }).waitFor();
    await admin.getByText("Connected", { exact: true }).waitFor();
    await admin.getByText(`••••${KEY.slice(-4)}`).waitFor();
    await admin.getByRole("button", { name: "Test connection" }).click();
    await admin.getByText("FirstPromoter answered").waitFor();
    await admin.getByRole("table", { name: "Fulfilment ids checked with FirstPromoter" }).waitFor();
    expect(await admin.content()).not.toContain(KEY);
    await shot(admin, "outbox-settings-connected-1366");
    const phone = await browser.newPage({ width: 390, height: 844 });
    await signIn(phone, ADMIN);
    await phone.waitForURL((u) => u.pathname === "/");
    await phone.goto("/settings");
    await phone.getByText("Connected", { exact: true }).waitFor();
    await shot(phone, "outbox-settings-connected-390");
  });

  it("a refused key shows the banner on every page for admins (not viewers) until a call succeeds", async () => {
    api.fake.inject({ kind: "unauthorized", times: 50 });
    const id = await readyFulfilment();
    await approveInUi(admin, id);
    await expect.poll(async () => (await q("SELECT paused_at IS NOT NULL AS p FROM fp_connection"))[0]?.p, { timeout: 15_000 }).toBe(true);
    await admin.goto("/promoters");
    await admin.getByRole("alert").getByText(/FirstPromoter refused Ledger's API key/).waitFor();
    await shot(admin, "outbox-paused-banner-1366");
    const viewer = await browser.newPage({ width: 1366, height: 900 });
    await signIn(viewer, VIEWER);
    await viewer.waitForURL((u) => u.pathname === "/");
    expect(await viewer.getByText(/refused Ledger's API key/).count()).toBe(0);
    expect((await viewer.goto("/settings"))?.status()).toBe(403);
    // The key works again: Test connection succeeds and the pause ends.
    api.fake.clearFaults();
    await admin.goto("/settings");
    await admin.getByRole("button", { name: "Test connection" }).click();
    await admin.getByText("FirstPromoter answered").waitFor();
    await admin.goto("/promoters");
    await admin.getByRole("heading", { name: "Promoters" }).waitFor();
    expect(await admin.getByText(/refused Ledger's API key/).count()).toBe(0);
  });
});

describe("the queue in every sync state", () => {
  it("renders each state's label, time and next step (screenshots at 1366 and 390 px)", async () => {
    const states = [
      ["sending", "mark_fulfilled", "scheduled", null],
      ["sent", "mark_fulfilled", "in_flight", null],
      ["retrying", "mark_fulfilled", "in_flight", "FirstPromoter answered 503"],
      ["waiting", "mark_fulfilled", "waiting", null],
      ["not_connected", "mark_fulfilled", "not_connected", null],
      ["paused", "mark_fulfilled", "in_flight", "FirstPromoter refused the API key or account id (401)"],
      ["answered_200", "mark_fulfilled", "not_connected", null],
      ["failed", "mark_fulfilled", "failed", "FirstPromoter does not know this id"],
      ["settled", "mark_fulfilled", "failed", "FirstPromoter does not know this id"],
      ["unfulfil_scheduled", "mark_unfulfilled", "scheduled", null],
      ["unfulfil_sent", "mark_unfulfilled", "in_flight", null],
      ["unfulfil_failed", "mark_unfulfilled", "failed", "FirstPromoter still shows it fulfilled"],
      ["deny_scheduled", "deny", "scheduled", null],
      ["deny_sent", "deny", "in_flight", null],
      ["deny_confirmed", "deny", "confirmed", null],
      ["deny_failed", "deny", "failed", "It is fulfilled in FirstPromoter, which cannot deny a fulfilled commission"],
      ["fp_fulfilled", null, null, null],
      ["fp_denied", "mark_fulfilled", "cancelled", null],
      ["held", null, null, null],
    ] as const;
    const pending = await q<{ id: string }>("SELECT id::text FROM fulfilment WHERE review_status = 'pending' ORDER BY id LIMIT $1", [states.length]);
    expect(pending.length).toBe(states.length);
    for (const [i, [sync, kind, state, error]] of states.entries()) {
      const id = pending[i]!.id;
      const review = sync.startsWith("deny") ? "rejected" : sync === "held" ? "held" : sync === "fp_fulfilled" || sync === "fp_denied" ? "pending" : "approved";
      let commandId: string | null = null;
      if (kind) {
        const [c] = await q<{ id: string }>(
          `INSERT INTO fp_command (fulfilment_id, kind, state, step, attempts, last_error, last_sent_at, due_at, finished_at, settled_at, settled_by, undo_until, batch_id)
           VALUES ($1, $2::command_kind, $3::command_state, $2, $4, $5, now() - interval '2 minutes', now() + interval '25 minutes',
                   CASE WHEN $3 IN ('failed', 'confirmed', 'cancelled') THEN now() - interval '1 minute' END,
                   CASE WHEN $6 THEN now() END, CASE WHEN $6 THEN $7 END, CASE WHEN $3 = 'scheduled' THEN now() + interval '10 minutes' END, $8)
           RETURNING id::text`,
          [id, kind, state, state === "scheduled" ? 0 : 3, error, sync === "settled", ADMIN.email, sync === "sent" ? 41 : null],
        );
        commandId = c!.id;
      }
      await q(
        `UPDATE fulfilment SET review_status = $2::review_status, sync_state = $3::sync_state, command_id = $4, reviewed_at = now(), reviewed_by = $5,
           review_reason = CASE WHEN $2 IN ('held', 'rejected') THEN 'checking the referral' END,
           undo_until = CASE WHEN $3 IN ('sending', 'deny_scheduled') THEN now() + interval '10 minutes' END,
           answered_200_at = CASE WHEN $3 = 'answered_200' THEN now() END,
           fp_outcome = CASE $3 WHEN 'fp_fulfilled' THEN 'fulfilled' WHEN 'fp_denied' THEN 'denied' END, fp_outcome_at = now()
         WHERE id = $1`,
        [id, review, sync, commandId, ADMIN.email],
      );
    }
    for (const [width, label] of [[1366, "1366"], [390, "390"]] as const) {
      const page = await browser.newPage({ width, height: 900 });
      await signIn(page, ADMIN);
      await page.waitForURL((u) => u.pathname === "/");
      await page.goto(`/fulfilments?review_status=all&sync_state=${states.map((s) => s[0]).join(",")}&per_page=50`);
      await page.locator("tbody tr").nth(states.length - 1).waitFor();
      const shown = await page.locator("[data-sync-state]").evaluateAll((els) => els.map((e) => e.getAttribute("data-sync-state")));
      expect(new Set(shown)).toEqual(new Set(states.map((s) => s[0])));
      await shot(page, `outbox-queue-every-state-${label}`);
    }
    // The filter menu lists every state.
    await admin.goto("/fulfilments?sync_state=failed,deny_failed,unfulfil_failed");
    await admin.locator("tbody tr").first().waitFor();
    await shot(admin, "outbox-queue-failed-filter-1366");
  });

  it("no script was refused by the CSP, no page error, nothing requested off-site", () => {
    expect(browser.problems.filter((p) => /Content Security Policy|pageerror|off-site/i.test(p))).toEqual([]);
  });
});
