// The dashboard in Chromium on the demo data (loaded through the real webhook, as `npm start` does):
// filter promoters by status and sort by cash balance, follow a promoter's timeline to an event's raw
// JSON, approve two fulfilments in bulk and see them leave the queue, then deliver one of them again
// and get 200; export a list as CSV; and screenshots of every page in light and dark for a person to
// look at (screenshots/, git-ignored).
import { readFileSync } from "node:fs";
import type pg from "pg";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { ensureBuild } from "../../scripts/lib/ensure-build.ts";
import { loadDemoData } from "../../scripts/lib/demo-data.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { type NextServer, startNextServer } from "../helpers/next-server.ts";
import { type BrowserHarness, launchBrowser, shot, signIn } from "./helpers.ts";

const PASSWORD = "browser password 12345";
const ADMIN = { email: "dana.admin@example.com", name: "Dana Admin", role: "admin" as const, password: PASSWORD };
const VIEWER = { email: "vera.viewer@example.com", name: "Vera Viewer", role: "viewer" as const, password: PASSWORD };
const SECRET = "browser-dashboard-secret-5e6f";

let db: TestDatabase;
let prisma: PrismaClient;
let pool: pg.Pool;
let server: NextServer;
let browser: BrowserHarness;
let admin: Page;

beforeAll(async () => {
  await ensureBuild({ log: () => {} });
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  await createUser(prisma, ADMIN, { id: "cli", email: "cli" });
  await createUser(prisma, VIEWER, { id: "cli", email: "cli" });
  // No FirstPromoter API and no undo window: an approval waits as "not connected", and FirstPromoter's
  // next delivery is answered 200 at once (tests/browser/outbox.test.ts covers the API).
  server = await startNextServer({ DATABASE_URL: db.url, WEBHOOK_SECRET: SECRET, LEDGER_DEMO: "0", FIRSTPROMOTER_SEND_DELAY_S: "0" });
  const summary = await loadDemoData({ webhookUrl: `${server.url}/api/webhooks/firstpromoter`, secret: SECRET });
  if (summary.includes("first problem")) throw new Error(`demo data: ${summary}`);
  browser = await launchBrowser(server.url);
  admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await admin.waitForURL((u) => u.pathname === "/");
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

const q = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => (await pool.query(sql, params)).rows as T[];

/** The ids of the rows on screen, read from each row's link to its detail page. */
async function rowIds(page: Page, prefix: string): Promise<string[]> {
  const hrefs = await page.locator(`tbody tr a[href^="${prefix}/"]`).evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const ids = hrefs.map((h) => h.split("/")[2]?.split(/[?#]/)[0] ?? "");
  return ids.filter((id, i) => id !== "" && ids.indexOf(id) === i);
}

describe("the dashboard on the demo data", () => {
  it("promoters: filter by status and sort by cash balance; the URL carries both and the rows match the database", async () => {
    const page = admin;
    await page.goto("/promoters");
    await page.getByRole("heading", { name: "Promoters" }).waitFor();
    const [top] = await q<{ status: string }>("SELECT status FROM promoter WHERE status IS NOT NULL GROUP BY status ORDER BY count(*) DESC LIMIT 1");
    const status = top?.status as string;

    await page.getByRole("button", { name: "Status" }).click();
    await page.getByRole("menuitemcheckbox", { name: new RegExp(`^${status}`) }).click();
    await page.keyboard.press("Escape");
    await page.waitForURL((u) => u.searchParams.get("status") === status);

    await page.getByRole("button", { name: /^Current.*Sort options/ }).click();
    await page.getByRole("menuitemradio", { name: "Cash, highest first" }).click();
    await page.waitForURL((u) => u.searchParams.get("sort") === "cash_current.desc" && u.searchParams.get("status") === status);
    await page.locator("tbody tr").first().waitFor();

    const shown = await rowIds(page, "/promoters");
    const expected = await q<{ id: string }>(
      `SELECT p.id::text AS id FROM promoter p
       LEFT JOIN promoter_balance b ON b.promoter_id = p.id AND b.kind = 'current' AND b.unit = 'cash'
       WHERE p.status = $1 ORDER BY (b.amount IS NULL), b.amount DESC, p.id DESC LIMIT $2`,
      [status, shown.length],
    );
    expect(shown.length).toBeGreaterThan(1);
    expect(shown).toEqual(expected.map((r) => r.id));
    await shot(page, "dashboard-promoters-filtered-sorted-light");
  });

  it("a promoter's timeline lists the events that mentioned them and leads to an event's raw JSON", async () => {
    const page = admin;
    const [busiest] = await q<{ id: string; n: number }>(
      "SELECT record_id::text AS id, count(*)::int AS n FROM event_record WHERE record_type = 'promoter' GROUP BY record_id ORDER BY count(*) DESC, record_id LIMIT 1",
    );
    await page.goto(`/promoters/${busiest?.id}`);
    const timeline = page.getByRole("list", { name: "Events that mentioned this promoter, newest first" });
    await timeline.waitFor();
    const links = timeline.locator('a[href^="/events/"]');
    expect(await links.count()).toBe(Math.min(busiest?.n ?? 0, 25));
    await shot(page, "dashboard-promoter-detail-light");

    const href = (await links.first().getAttribute("href")) as string;
    await links.first().click();
    await page.waitForURL((u) => u.pathname === href);
    const [event] = await q<{ external_id: string; type: string }>("SELECT external_id, type FROM webhook_event WHERE id = $1", [href.split("/")[2]]);
    const json = page.getByRole("region", { name: `Stored JSON of event ${event?.external_id}` });
    await json.waitFor();
    const text = await json.textContent();
    expect(text).toContain(`"${event?.type}"`);
    expect(text).toContain(event?.external_id);
    await shot(page, "dashboard-event-raw-json-light");
  });

  it("fulfilments: approve two in bulk, they leave the queue, the audit log has them, and a re-delivery is answered 200", async () => {
    const page = admin;
    await page.goto("/fulfilments");
    await page.getByRole("heading", { name: "Fulfilments" }).waitFor();
    const boxes = page.getByRole("checkbox", { name: /^Select row \d+$/ });
    await boxes.nth(1).waitFor();
    const ids = await Promise.all([0, 1].map(async (i) => ((await boxes.nth(i).getAttribute("aria-label")) as string).replace("Select row ", "")));
    // Space toggles a focused row checkbox (keyboard use).
    for (const i of [0, 1]) {
      await boxes.nth(i).focus();
      await page.keyboard.press("Space");
    }
    const bar = page.getByRole("region", { name: "Selected fulfilments" });
    await bar.getByText("2 selected").waitFor();
    await bar.getByRole("button", { name: /Approve/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "Approve 2 fulfilments?" }).waitFor();
    expect(await dialog.getByText("Total per unit").isVisible()).toBe(true);
    await shot(page, "dashboard-fulfilments-approve-dialog-light");
    await dialog.getByRole("button", { name: "Approve 2 fulfilments" }).click();
    await dialog.waitFor({ state: "hidden" });
    for (const id of ids) await page.getByRole("checkbox", { name: `Select row ${id}` }).waitFor({ state: "detached" });
    await shot(page, "dashboard-fulfilments-after-approve-light");

    const stored = await q<{ id: string; review_status: string; reviewed_by: string }>(
      "SELECT id::text, review_status::text, reviewed_by FROM fulfilment WHERE id = ANY($1::bigint[]) ORDER BY id",
      [ids],
    );
    expect(stored.map((r) => r.review_status)).toEqual(["approved", "approved"]);
    const audit = await q("SELECT target_id FROM audit_log WHERE action = 'fulfilment.approve' AND actor_email = $1 ORDER BY target_id", [ADMIN.email]);
    expect(audit.map((r) => r.target_id).sort()).toEqual([...ids].sort());

    // FirstPromoter sends fulfilment_pending again: the same delivery is now answered 200.
    const [sent] = await q<{ payload: unknown }>(
      "SELECT payload FROM webhook_event WHERE type = 'fulfilment_pending' AND payload #>> '{data,id}' = $1 ORDER BY occurred_at DESC LIMIT 1",
      [ids[0]],
    );
    const res = await fetch(`${server.url}/api/webhooks/firstpromoter`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${SECRET}` },
      body: JSON.stringify(sent?.payload),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, review_status: "approved" });
    const [answered] = await q("SELECT answered_200_at IS NOT NULL AS answered, sync_state::text FROM fulfilment WHERE id = $1", [ids[0]]);
    expect(answered).toEqual({ answered: true, sync_state: "answered_200" });
  });

  it("a viewer sees the queue without checkboxes or review buttons", async () => {
    const viewer = await browser.newPage();
    await signIn(viewer, VIEWER);
    await viewer.waitForURL((u) => u.pathname === "/");
    await viewer.goto("/fulfilments");
    await viewer.locator("tbody tr").first().waitFor();
    expect(await viewer.getByRole("checkbox").count()).toBe(0);
    expect(await viewer.getByRole("button", { name: /Approve/ }).count()).toBe(0);
    await shot(viewer, "dashboard-fulfilments-viewer-light");
  });

  it("exports the filtered events as CSV with the chosen columns, and the export is in the audit log", async () => {
    const page = admin;
    await page.goto("/events?type=reward_created");
    await page.locator("tbody tr").first().waitFor();
    await page.getByRole("button", { name: "Export" }).click();
    await page.getByRole("checkbox", { name: "Error" }).click();
    await shot(page, "dashboard-export-popover-light");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    const text = readFileSync((await download.path()), "utf8").replace(/^\uFEFF/, "");
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("external_id,type,format,outcome,occurred_at,received_at");
    const [n] = await q<{ n: number }>("SELECT count(*)::int AS n FROM webhook_event WHERE type = 'reward_created'");
    expect(lines.length - 1).toBe(n?.n);
    expect(lines.slice(1).every((l) => l.split(",")[1] === "reward_created")).toBe(true);
    const audit = await q("SELECT after FROM audit_log WHERE action = 'export.csv' AND actor_email = $1", [ADMIN.email]);
    expect(audit.at(-1)?.after).toMatchObject({ entity: "events", filters: { type: "reward_created" } });
  });

  it("every page renders with data in light and dark (screenshots to look at)", async () => {
    const [promoter] = await q<{ id: string }>("SELECT record_id::text AS id FROM event_record WHERE record_type = 'promoter' GROUP BY record_id ORDER BY count(*) DESC, record_id LIMIT 1");
    const [lead] = await q<{ id: string }>("SELECT record_id::text AS id FROM event_record WHERE record_type = 'lead' GROUP BY record_id ORDER BY count(*) DESC, record_id LIMIT 1");
    const [fulfilment] = await q<{ id: string }>("SELECT id::text FROM fulfilment ORDER BY delivery_count DESC, id LIMIT 1");
    const [event] = await q<{ id: string }>("SELECT id::text FROM webhook_event WHERE type = 'reward_created' ORDER BY id LIMIT 1");
    const pages: [string, string, string][] = [
      ["overview", "/", "Overview"],
      ["promoters", "/promoters", "Promoters"],
      ["promoter", `/promoters/${promoter?.id}`, ""],
      ["leads", "/leads", "Leads"],
      ["lead", `/leads/${lead?.id}`, ""],
      ["rewards", "/rewards", "Rewards"],
      ["fulfilments", "/fulfilments", "Fulfilments"],
      ["fulfilment", `/fulfilments/${fulfilment?.id}`, ""],
      ["events", "/events", "Events"],
      ["event", `/events/${event?.id}`, ""],
      ["deliveries", "/events/deliveries", "Events"],
      ["activity", "/activity", "Activity"],
      ["users", "/users", "Users"],
      ["settings", "/settings", "Settings"],
      ["account", "/account", ""],
    ];
    for (const scheme of ["light", "dark"] as const) {
      const page = await browser.newPage({ colorScheme: scheme, width: 1440, height: 900 });
      await signIn(page, ADMIN);
      await page.waitForURL((u) => u.pathname === "/");
      for (const [name, path, heading] of pages) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        if (heading) await page.getByRole("heading", { name: heading, exact: true }).first().waitFor();
        // Streamed sections have replaced their skeletons.
        await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, null, { timeout: 30_000 });
        await shot(page, `dashboard-${name}-${scheme}`);
      }
    }
  });

  it("unknown records are real 404s", async () => {
    // Detail routes take canonical ids only (lib/records/parse-record-id.ts): 007 is not 7.
    const nonCanonical = ["/promoters/007", "/leads/007", "/fulfilments/007", "/events/007", "/events/deliveries/007"];
    for (const path of ["/promoters/999999999", "/leads/abc", "/events/0", "/fulfilments/123456789012", ...nonCanonical]) {
      const res = await admin.goto(path);
      expect(res?.status(), path).toBe(404);
    }
  });

  it("no script was refused by the CSP, no page error, nothing requested off-site", () => {
    expect(browser.problems.filter((p) => /Content Security Policy|pageerror|off-site/i.test(p))).toEqual([]);
  });
});
