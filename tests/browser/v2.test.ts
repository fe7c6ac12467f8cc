// v2 in Chromium, on the demo data (an account that moved from v1 to v2 midway, loaded through both
// webhooks as `npm start` does) plus a hostile v2 sender: every string it controls — names, emails,
// custom fields, a payout's error, a `changes` table, an unknown entity's data — shows as text on every
// page and runs nothing. Screenshots (screenshots/v2-*) of the payouts list and a payout, the events list
// filtered to v2, a v2 event with its changes, a promoter with v1 and v2 history, and the hostile pages.
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
const ADMIN = { email: "v2.admin@example.com", name: "V2 Admin", role: "admin" as const, password: PASSWORD };
const SECRET = "browser-v2-secret-9a8b";

/** Markup that would run or render if any page used it as HTML: each sets window.__xss. */
const XSS = {
  name: `<img src=x onerror="window.__xss='name'">`,
  email: `"><svg onload="window.__xss='email'">@example.com`,
  field: `<script>window.__xss='field'</script>`,
  error: `<b onmouseover="window.__xss='error'">bank refused</b>`,
  change: `<iframe srcdoc="<script>parent.__xss='change'</script>">`,
  unknown: `<a href="javascript:window.__xss='unknown'">click</a>`,
};

let db: TestDatabase;
let prisma: PrismaClient;
let pool: pg.Pool;
let server: NextServer;
let browser: BrowserHarness;
let admin: Page;

async function postV2(body: unknown): Promise<void> {
  const res = await fetch(`${server.url}/api/webhooks/firstpromoter/v2`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${SECRET}` },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`v2 delivery answered ${res.status}: ${await res.text()}`);
}

let counter = 0;
const envelope = (eventType: string, action: string, data: Record<string, unknown>, changes: Record<string, unknown> = {}) => ({
  event_id: `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`,
  event_type: eventType,
  action,
  entity_type: eventType.split(".")[0],
  entity_id: data.id,
  data,
  changes,
  timestamp: `2026-11-2${counter % 9}T10:00:00Z`,
});

beforeAll(async () => {
  await ensureBuild({ log: () => {} });
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  await createUser(prisma, ADMIN, { id: "cli", email: "cli" });
  server = await startNextServer({ DATABASE_URL: db.url, WEBHOOK_SECRET: SECRET, LEDGER_DEMO: "0", FIRSTPROMOTER_SEND_DELAY_S: "0" });
  const summary = await loadDemoData({ webhookUrl: `${server.url}/api/webhooks/firstpromoter`, secret: SECRET });
  if (summary.includes("first problem")) throw new Error(`demo data: ${summary}`);
  // The hostile sender: promoter 99000001 with a payout, a commission whose update lists markup as changes.
  await postV2(
    envelope("promoter.created", "created", {
      id: 99000001,
      email: XSS.email,
      name: XSS.name,
      custom_fields: { [XSS.field]: XSS.field },
      promoter_campaigns: [{ id: 99000002, state: "accepted", campaign: { id: 99000003, name: XSS.name } }],
    }),
  );
  await postV2(envelope("payout.created", "created", { id: 99000004, status: "failed", amount: 1234, unit: "cash", error: XSS.error, promoter: { id: 99000001 } }));
  await postV2(envelope("commission.created", "created", { id: 99000005, status: "pending", amount: 10, unit: "points", promoter: { id: 99000001 } }));
  await postV2(envelope("commission.updated", "updated", { id: 99000005, status: "approved" }, { status: ["pending", "approved"], [XSS.change]: [XSS.error, XSS.change] }));
  await postV2(envelope("contract_document.signed", "updated", { id: 99000006, title: XSS.unknown }));
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

const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => (await pool.query(sql, params)).rows as T[];

/** No markup ran (window.__xss unset) and none of it became an element. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null)).toBeNull();
  expect(await page.locator("main img[src='x'], main svg[onload], main iframe[srcdoc], main a[href^='javascript:'], main b[onmouseover]").count()).toBe(0);
}

describe("v2 on every page", () => {
  it("payouts: the list and a payout's page, with its commissions", async () => {
    await admin.goto("/payouts");
    await admin.getByRole("heading", { name: "Payouts" }).waitFor();
    const [{ n } = { n: 0 }] = await q<{ n: number }>("SELECT count(*)::int AS n FROM payout WHERE NOT deleted");
    expect(n).toBeGreaterThan(0);
    expect(await admin.locator("tbody tr").count()).toBe(Math.min(n, 50));
    await shot(admin, "v2-payouts");
    const [linked] = await q<{ payout_id: string }>("SELECT payout_id::text FROM payout_commission WHERE NOT deleted ORDER BY payout_id LIMIT 1");
    await admin.goto(`/payouts/${linked?.payout_id ?? "99000004"}`);
    await admin.getByRole("heading", { name: /Payout/ }).first().waitFor();
    await shot(admin, "v2-payout");
  });

  it("events: filtered to v2 and to an entity, and a v2 event's changes as before → after", async () => {
    await admin.goto("/events?format=v2&entity=commission");
    await admin.getByRole("heading", { name: "Events" }).waitFor();
    const types = await admin.locator("tbody tr td:first-child").allInnerTexts();
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((t) => t.startsWith("commission."))).toBe(true);
    await shot(admin, "v2-events");
    const [ev] = await q<{ id: string }>(
      "SELECT id::text FROM webhook_event WHERE source = 'firstpromoter_v2' AND payload->'changes' ? 'status' AND external_id NOT LIKE '00000000-%' ORDER BY id LIMIT 1",
    );
    await admin.goto(`/events/${ev?.id ?? "0"}`);
    const changes = admin.getByRole("table", { name: /Changes in event/ });
    await changes.waitFor();
    expect(await changes.getByRole("row").count()).toBeGreaterThan(1);
    await shot(admin, "v2-event-changes");
  });

  it("a promoter with v1 and v2 history", async () => {
    const [p] = await q<{ id: string }>(`
      SELECT er.record_id::text AS id FROM event_record er JOIN webhook_event e ON e.id = er.event_id
      WHERE er.record_type = 'promoter' GROUP BY er.record_id
      HAVING bool_or(e.source = 'firstpromoter') AND bool_or(e.source = 'firstpromoter_v2')
      ORDER BY count(*) DESC LIMIT 1`);
    expect(p).toBeDefined();
    await admin.goto(`/promoters/${p?.id ?? "0"}`);
    await admin.getByRole("heading", { name: "Timeline" }).waitFor();
    await shot(admin, "v2-promoter-v1-and-v2");
  });

  it("markup a sender controls is text on every page that shows it, and runs nothing", async () => {
    const pages: [string, string][] = [
      ["/promoters?q=99000001", XSS.email],
      ["/promoters/99000001", XSS.name],
      ["/payouts?deleted=no,yes", XSS.name],
      ["/payouts/99000004", XSS.error],
      ["/fulfilments?review_status=all", XSS.name],
      ["/fulfilments/99000005", XSS.name],
      ["/rewards?promoter=99000001", XSS.name],
    ];
    for (const [k, [url, text]] of pages.entries()) {
      await admin.goto(url);
      await admin.locator("main").first().waitFor();
      await shot(admin, `v2-hostile-${k}`);
      // A promoter shows by name where the list has one (v2's name), else by email: either is the sender's text.
      const shown = text === XSS.name ? admin.getByText(XSS.name).or(admin.getByText(XSS.email)) : admin.getByText(text, { exact: false });
      await shown.first().waitFor({ timeout: 10_000 });
      await expectInert(admin);
    }
    await admin.goto("/promoters/99000001");
    await admin.getByText(XSS.field).first().waitFor();
    await shot(admin, "v2-hostile-promoter");
    const [changed] = await q<{ id: string }>("SELECT id::text FROM webhook_event WHERE external_id LIKE '00000000-%' AND type = 'commission.updated'");
    await admin.goto(`/events/${changed?.id ?? "0"}`);
    await admin.getByRole("table", { name: /Changes in event/ }).getByText(XSS.change).first().waitFor();
    await expectInert(admin);
    await shot(admin, "v2-hostile-event");
    const [unknown] = await q<{ id: string }>("SELECT id::text FROM webhook_event WHERE type = 'contract_document.signed' AND external_id LIKE '00000000-%'");
    await admin.goto(`/events/${unknown?.id ?? "0"}`);
    await admin.getByText("ignored", { exact: false }).first().waitFor();
    await expectInert(admin);
    expect(browser.problems.filter((p) => !p.includes("favicon"))).toEqual([]);
  });
});
