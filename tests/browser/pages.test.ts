// The pages on the demo data, in Chromium: every page at phone (390 px) and laptop (1366 px) width
// without horizontal page scroll (a wide table scrolls in its own frame, its first column pinned and
// opaque, light and dark), full-page screenshots of each for a person to look at (screenshots/pages-*,
// git-ignored); a list searched as you type; rows selected with the keyboard for bulk approval; a
// password change that confirms itself.
import path from "node:path";
import type pg from "pg";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { loadDemoData } from "../../scripts/lib/demo-data.ts";
import { ensureBuild } from "../../scripts/lib/ensure-build.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { type NextServer, startNextServer } from "../helpers/next-server.ts";
import { type BrowserHarness, launchBrowser, SHOTS, shot, signIn } from "./helpers.ts";

const PASSWORD = "browser password 12345";
const ADMIN = { email: "lena.admin@example.com", name: "Lena Admin", role: "admin" as const, password: PASSWORD };
/** Changes their password in the last test (their own sessions only). */
const VIEWER = { email: "paul.viewer@example.com", name: "Paul Viewer", role: "viewer" as const, password: PASSWORD };
const SECRET = "browser-pages-secret-7c3d";
const WIDTHS = [390, 1366] as const;

let db: TestDatabase;
let prisma: PrismaClient;
let pool: pg.Pool;
let server: NextServer;
let browser: BrowserHarness;
/** [screenshot name, path, whether it is a list (a data table, whose frame may scroll)]. */
let pages: [string, string, boolean][] = [];

beforeAll(async () => {
  await ensureBuild({ log: () => {} });
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  await createUser(prisma, ADMIN, { id: "cli", email: "cli" });
  await createUser(prisma, VIEWER, { id: "cli", email: "cli" });
  server = await startNextServer({ DATABASE_URL: db.url, WEBHOOK_SECRET: SECRET, LEDGER_DEMO: "0", FIRSTPROMOTER_SEND_DELAY_S: "0" });
  const summary = await loadDemoData({ webhookUrl: `${server.url}/api/webhooks/firstpromoter`, secret: SECRET });
  if (summary.includes("first problem")) throw new Error(`demo data: ${summary}`);
  browser = await launchBrowser(server.url);
  // The detail pages with the most on them: the busiest promoter and lead, a re-sent fulfilment, and
  // a lead event (it carries the lead, its promotion and its promoter).
  const one = async (sql: string) => (await pool.query<{ id: string }>(sql)).rows[0]?.id ?? "0";
  const promoter = await one("SELECT record_id::text AS id FROM event_record WHERE record_type = 'promoter' GROUP BY record_id ORDER BY count(*) DESC, record_id LIMIT 1");
  const lead = await one("SELECT record_id::text AS id FROM event_record WHERE record_type = 'lead' GROUP BY record_id ORDER BY count(*) DESC, record_id LIMIT 1");
  const fulfilment = await one("SELECT id::text FROM fulfilment ORDER BY delivery_count DESC, id LIMIT 1");
  const event = await one("SELECT id::text FROM webhook_event WHERE type = 'new_customer' ORDER BY id LIMIT 1");
  // A refused delivery (its body kept as received, a long line that must wrap inside its card).
  await fetch(`${server.url}/api/webhooks/firstpromoter`, {
    method: "POST",
    headers: { authorization: `Bearer ${SECRET}`, "content-type": "application/json" },
    body: `{"event":{"id":"evt_refused","type":"lead_signup","created_at":"2026-12-01T00:00:00Z"},"data":{"note":"${"x".repeat(600)}"`,
  });
  const delivery = await one("SELECT id::text FROM webhook_delivery WHERE status_code = 400 ORDER BY id DESC LIMIT 1");
  const payout = await one("SELECT payout_id::text AS id FROM payout_commission ORDER BY payout_id LIMIT 1");
  const v2event = await one("SELECT id::text FROM webhook_event WHERE source = 'firstpromoter_v2' AND payload->'changes' <> '{}'::jsonb ORDER BY id LIMIT 1");
  pages = [
    ["overview", "/", false],
    ["promoters", "/promoters", true],
    ["promoter", `/promoters/${promoter}`, false],
    ["leads", "/leads", true],
    ["lead", `/leads/${lead}`, false],
    ["rewards", "/rewards", true],
    ["fulfilments", "/fulfilments", true],
    ["fulfilments-all", "/fulfilments?review_status=all", true],
    ["fulfilment", `/fulfilments/${fulfilment}`, false],
    ["payouts", "/payouts", true],
    ["payout", `/payouts/${payout}`, false],
    ["events", "/events", true],
    ["event", `/events/${event}`, false],
    ["event-v2", `/events/${v2event}`, false],
    ["deliveries", "/events/deliveries", true],
    ["delivery", `/events/deliveries/${delivery}`, false],
    ["activity", "/activity", true],
    ["users", "/users", false],
    ["settings", "/settings", false],
    ["account", "/account", false],
  ];
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

const q = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => (await pool.query(sql, params)).rows as T[];

/** How far the page reaches past the viewport's right edge (0: no horizontal page scroll). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Until streamed sections have replaced their skeletons. */
const settled = (page: Page) => page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, null, { timeout: 30_000 });

async function signedIn(opts: { width: number; colorScheme?: "light" | "dark" }, user: { email: string; password: string } = ADMIN): Promise<Page> {
  const page = await browser.newPage({ width: opts.width, height: 900, colorScheme: opts.colorScheme });
  await signIn(page, user);
  await page.waitForURL((u) => u.pathname === "/");
  return page;
}

describe("page layout at phone and laptop width", () => {
  for (const width of WIDTHS) {
    it(`no page scrolls sideways at ${width} px; at 1366 every list fits its frame (screenshots: pages-*-${width})`, async () => {
      const page = await browser.newPage({ width, height: 900 });
      await page.goto("/sign-in");
      await page.getByRole("heading", { name: "Sign in to Ledger" }).waitFor();
      const widths: Record<string, number> = { "sign-in": await overflow(page) };
      const frames: Record<string, string> = {};
      await shot(page, `pages-sign-in-${width}`);
      await signIn(page, ADMIN);
      await page.waitForURL((u) => u.pathname === "/");
      for (const [name, url, isList] of pages) {
        const res = await page.goto(url);
        expect(res?.status(), url).toBe(200);
        await settled(page);
        widths[name] = await overflow(page);
        if (isList) {
          const frame = await page.locator('[data-slot="table-container"]').first().evaluate((el) => ({ content: el.scrollWidth, visible: el.clientWidth }));
          if (frame.content > frame.visible) frames[name] = `${frame.content}/${frame.visible}`;
        }
        await shot(page, `pages-${name}-${width}`);
      }
      // Every page at once, so one run names all the offenders.
      expect(Object.entries(widths).filter(([, px]) => px > 0)).toEqual([]);
      // A laptop shows every list's columns without scrolling its frame (Leads used to overflow by a column).
      if (width === 1366) expect(frames).toEqual({});
    });
  }

  it("at 390 px a wide table scrolls in its own frame, its first column pinned over an opaque background (light and dark)", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await signedIn({ width: 390, colorScheme });
      for (const [name, url, isList] of pages) {
        if (!isList) continue;
        await page.goto(url);
        await settled(page);
        const frame = page.locator('[data-slot="table-container"]').first();
        const scroll = await frame.evaluate((el) => ({ content: el.scrollWidth, visible: el.clientWidth }));
        expect(scroll.content, `${url}: the table is wider than a phone`).toBeGreaterThan(scroll.visible);
        // Scroll the frame halfway: the pinned cells stay at the frame's left, and nothing shows through them.
        await frame.scrollIntoViewIfNeeded();
        await frame.evaluate((el) => el.scrollBy({ left: el.scrollWidth / 2 }));
        const pinned = await page.locator("tbody tr").first().evaluate((tr) => {
          const frameLeft = (tr.closest('[data-slot="table-container"]') as HTMLElement).getBoundingClientRect().left;
          const cells = [...tr.children].filter((td, i) => i === 0 || td.hasAttribute("data-pinned")) as HTMLElement[];
          return cells.map((td) => ({
            position: getComputedStyle(td).position,
            background: getComputedStyle(td).backgroundColor,
            left: Math.round(td.getBoundingClientRect().left - frameLeft),
          }));
        });
        expect(pinned.length, url).toBeGreaterThan(0);
        let left = 0;
        for (const cell of pinned) {
          expect(cell.position, url).toBe("sticky");
          expect(cell.left, url).toBe(left);
          // An opaque colour: no alpha below 1 (rgba(…, 0.5), oklch(… / 0.5), transparent).
          expect(cell.background, url).not.toMatch(/(\/\s*0?\.\d+\s*\)|,\s*0?\.\d+\s*\)|transparent|rgba\(0, 0, 0, 0\))/);
          left += 32; // the select column's fixed width (2rem), when a second column is pinned after it
        }
        await page.screenshot({ path: path.join(SHOTS, `pages-${name}-scrolled-390-${colorScheme}.png`) });
      }
    }
  });
});

describe("search as you type", () => {
  it("searches the promoters after a pause in typing, no Enter needed; a newer term supersedes an older one; the box says what it matches", async () => {
    const page = await signedIn({ width: 1366 });
    await page.goto("/promoters");
    await settled(page);
    const box = page.getByRole("searchbox", { name: /Search promoters/ });
    const hint = await box.getAttribute("aria-describedby");
    expect(await page.locator(`[id="${hint}"]`).textContent()).toBe("Matches the start of an email, a name or a ref id, or a whole promoter id.");

    const [target] = await q<{ email: string }>("SELECT email FROM promoter WHERE email IS NOT NULL ORDER BY id LIMIT 1");
    const term = (target?.email as string).slice(0, 6);
    const historyBefore = await page.evaluate(() => history.length);
    // Typed at a person's pace: several searches start, each replacing the last.
    await box.click();
    await box.pressSequentially(term, { delay: 120 });
    await page.waitForURL((u) => u.searchParams.get("q") === term);
    await settled(page);
    await page.waitForFunction(() => !document.querySelector('[aria-label="Loading"]'));
    expect(await box.inputValue()).toBe(term); // nothing typed was lost to an older search arriving
    // The rows are the promoters whose email starts with it (names and ref ids have no dot there).
    const hrefs = await page.locator('tbody tr a[href^="/promoters/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") as string));
    const shown = [...new Set(hrefs.map((h) => h.split("/")[2]))].sort();
    const expected = await q<{ id: string }>("SELECT id::text FROM promoter WHERE lower(email) LIKE $1 || '%' ORDER BY 1", [term.toLowerCase()]);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected.map((r) => r.id));
    // The search replaced the URL: no history entry per pause.
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
    await shot(page, "pages-search-as-you-type-1366");

    // Fast typing runs one search, for the whole term; Enter searches at once.
    await box.fill("");
    await page.waitForURL((u) => !u.searchParams.has("q"));
    await box.pressSequentially("zz-nobody", { delay: 20 });
    await box.press("Enter");
    await page.waitForURL((u) => u.searchParams.get("q") === "zz-nobody");
    await page.getByText("Nothing matches these filters.").waitFor();
  });
});

describe("keyboard row selection (the review queue's bulk approval)", () => {
  it("Tab reaches the rows once, arrows move, Space toggles, Shift+arrows and Shift+Space extend; the bar counts them", async () => {
    const page = await signedIn({ width: 1366 });
    await page.goto("/fulfilments");
    await settled(page);
    const boxes = page.getByRole("checkbox", { name: /^Select row \d+$/ });
    await boxes.nth(6).waitFor();
    const ids = await boxes.evaluateAll((els) => els.map((e) => (e.getAttribute("aria-label") as string).replace("Select row ", "")));
    const focusedRow = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label")?.replace("Select row ", "") ?? document.activeElement?.tagName);
    const selected = async () => (await boxes.evaluateAll((els) => els.map((e) => (e.getAttribute("data-state") === "checked" ? e.getAttribute("aria-label") : null)))).filter(Boolean).map((l) => (l as string).replace("Select row ", ""));
    const bar = page.getByRole("region", { name: "Selected fulfilments" });

    // Tabbing on from "select all" (past the sortable headers) reaches the first row; the other rows'
    // checkboxes are not tab stops.
    await page.getByRole("checkbox", { name: "Select all rows on this page" }).focus();
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.getAttribute("data-row-select") ?? null)) === null; i++) await page.keyboard.press("Tab");
    expect(await focusedRow()).toBe(ids[0]);
    expect(await boxes.evaluateAll((els) => els.filter((e) => e.getAttribute("tabindex") === "0").length)).toBe(1);

    await page.keyboard.press("ArrowDown");
    expect(await focusedRow()).toBe(ids[1]);
    await page.keyboard.press("Space");
    await bar.getByText("1 selected").waitFor();
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+ArrowDown");
    expect(await focusedRow()).toBe(ids[3]);
    await bar.getByText("3 selected").waitFor();
    expect(await selected()).toEqual(ids.slice(1, 4));

    // Space on a selected row clears it; Shift+Space selects from the last row toggled to the focused one.
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Space");
    await bar.getByText("2 selected").waitFor();
    expect(await selected()).toEqual([ids[1], ids[3]]);
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    expect(await focusedRow()).toBe(ids[5]);
    await page.keyboard.press("Shift+Space");
    await bar.getByText("5 selected").waitFor();
    expect(await selected()).toEqual(ids.slice(1, 6));
    await page.keyboard.press("Shift+ArrowUp");
    expect(await focusedRow()).toBe(ids[4]);
    await shot(page, "pages-keyboard-selection-1366");

    // Tab leaves the checkboxes for the rest of the row; Shift+Tab comes back to the same row.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-row-select"))).toBeNull();
    await page.keyboard.press("Shift+Tab");
    expect(await focusedRow()).toBe(ids[4]);

    // The selection is what the bulk action reviews.
    await bar.getByRole("button", { name: /Approve/ }).click();
    await page.getByRole("dialog").getByRole("heading", { name: "Approve 5 fulfilments?" }).waitFor();
    await page.keyboard.press("Escape");
  });
});

describe("changing your password", () => {
  it("confirms the change on the page, keeps this session, and only the new password signs in", async () => {
    const NEW = "a brand new browser passphrase";
    const page = await signedIn({ width: 390 }, VIEWER);
    await page.goto("/account");
    await page.getByLabel("Current password").fill(VIEWER.password);
    await page.getByLabel("New password (at least 12 characters)").fill(NEW);
    await page.getByLabel("Repeat the new password").fill(NEW);
    await page.getByRole("button", { name: "Change password" }).click();
    const status = page.getByRole("status").filter({ hasText: "Password changed" });
    await status.waitFor();
    expect(await status.textContent()).toContain("Password changed. Your other sessions were signed out.");
    expect(new URL(page.url()).pathname).toBe("/account");
    expect(await page.getByLabel("Current password").inputValue()).toBe(""); // the form was cleared
    await shot(page, "pages-password-changed-390");
    // Still signed in on this device.
    await page.goto("/leads");
    await page.getByRole("heading", { name: "Leads" }).waitFor();

    const fresh = await browser.newPage();
    await signIn(fresh, VIEWER);
    await fresh.getByRole("alert").filter({ hasText: "Invalid email or password." }).waitFor();
    await signIn(fresh, { email: VIEWER.email, password: NEW });
    await fresh.waitForURL((u) => u.pathname === "/");
  });
});

describe("the whole run", () => {
  it("no script was refused by the CSP, no page error, nothing requested off-site", () => {
    expect(browser.problems.filter((p) => /Content Security Policy|pageerror|off-site/i.test(p))).toEqual([]);
  });
});
