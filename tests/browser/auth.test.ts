// Sign-in, roles and the app shell in Chromium against the real production server and a fresh
// database holding an admin and a viewer (made with createUser). Screenshots, light and dark, go to
// screenshots/ at the repo root (git-ignored) for a person to look at.
import type pg from "pg";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { ensureBuild } from "../../scripts/lib/ensure-build.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { type NextServer, startNextServer } from "../helpers/next-server.ts";
import { type BrowserHarness, launchBrowser, type PageOptions, shot, signIn } from "./helpers.ts";

const PASSWORD = "browser password 12345";
const ADMIN = { email: "ada.admin@example.com", name: "Ada Admin", role: "admin" as const, password: PASSWORD };
const VIEWER = { email: "vic.viewer@example.com", name: "Vic Viewer", role: "viewer" as const, password: PASSWORD };
const NAV = ["Overview", "Promoters", "Leads", "Rewards", "Fulfilments", "Payouts", "Events", "Activity", "Users", "Settings"];

let db: TestDatabase;
let prisma: PrismaClient;
let pool: pg.Pool;
let server: NextServer;
let browser: BrowserHarness;
/** Console errors and page errors per page, e.g. scripts refused by the CSP. */
let problems: string[] = [];

beforeAll(async () => {
  await ensureBuild({ log: () => {} });
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  await createUser(prisma, ADMIN, { id: "cli", email: "cli" });
  await createUser(prisma, VIEWER, { id: "cli", email: "cli" });
  server = await startNextServer({ DATABASE_URL: db.url, WEBHOOK_SECRET: "browser-webhook-secret-1a2b", LEDGER_DEMO: "0" });
  browser = await launchBrowser(server.url);
  problems = browser.problems;
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

const newPage = (opts?: PageOptions): Promise<Page> => browser.newPage(opts);

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

describe("sign-in, roles and the shell in Chromium", () => {
  it("anonymous: a dashboard page redirects to the sign-in page, which keeps where you wanted to go", async () => {
    const page = await newPage();
    const res = await page.goto("/users");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/users");
    expect(res?.status()).toBe(200);
    await page.getByRole("heading", { name: "Sign in to Ledger" }).waitFor();
    expect(await page.getByLabel("Email").isVisible()).toBe(true);
    expect(await page.getByLabel("Password").getAttribute("type")).toBe("password");
    await shot(page, "auth-sign-in-light");
  });

  it("a wrong password shows the generic error and keeps the email", async () => {
    const page = await newPage();
    await signIn(page, { email: ADMIN.email, password: "definitely wrong" });
    // (Next's route announcer is a role=alert too: take the form's.)
    const alert = page.getByRole("alert").filter({ hasText: "Invalid email or password." });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Invalid email or password.");
    expect(await page.getByLabel("Email").inputValue()).toBe(ADMIN.email);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await shot(page, "auth-sign-in-error-light");
  });

  it("admin: signs in, lands where they were going, sees the shell with every link and their email", async () => {
    const page = await newPage();
    await signIn(page, ADMIN, "/sign-in?next=%2Fevents");
    await page.waitForURL((u) => u.pathname === "/events");
    const links = await mainNav(page).getByRole("link").allTextContents();
    expect(links.map((l) => l.trim())).toEqual(NAV);
    expect(await mainNav(page).getByRole("link", { name: "Events" }).getAttribute("aria-current")).toBe("page");
    expect(await page.getByRole("button", { name: `Account menu for ${ADMIN.email}` }).isVisible()).toBe(true);
    expect(await page.getByText(ADMIN.email).first().isVisible()).toBe(true);

    await mainNav(page).getByRole("link", { name: "Overview" }).click();
    await page.waitForURL((u) => u.pathname === "/");
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await shot(page, "auth-overview-admin-light");
  });

  it("admin: adds a user through the form on /users; the user exists and can sign in", async () => {
    const page = await newPage();
    await signIn(page, ADMIN);
    await page.waitForURL((u) => u.pathname === "/");
    await mainNav(page).getByRole("link", { name: "Users" }).click();
    await page.waitForURL((u) => u.pathname === "/users");
    await page.getByRole("heading", { name: "Users" }).waitFor();

    const email = "new.person@example.com";
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Name").fill("New Person");
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByLabel("Initial password").fill("new person password 1");
    await page.getByRole("button", { name: "Add user" }).click();
    const status = page.getByRole("status");
    await status.waitFor();
    expect(await status.textContent()).toContain(`Created ${email} (viewer).`);
    await page.getByRole("cell", { name: email, exact: true }).waitFor();
    const rows = await pool.query("SELECT name, role FROM app_user WHERE email = $1", [email]);
    expect(rows.rows).toEqual([{ name: "New Person", role: "viewer" }]);
    await shot(page, "auth-users-admin-light");

    // A refusal shows next to the field: the same email again.
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Name").fill("Second");
    await page.getByLabel("Initial password").fill("x".repeat(12));
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByRole("alert").filter({ hasText: `A user with the email ${email} already exists` }).first().waitFor();

    const other = await newPage();
    await signIn(other, { email, password: "new person password 1" });
    await other.waitForURL((u) => u.pathname === "/");
  });

  it("admin: signing out from the account menu returns to the sign-in page and ends the session", async () => {
    const page = await newPage();
    await signIn(page, ADMIN);
    await page.waitForURL((u) => u.pathname === "/");
    await page.getByRole("button", { name: `Account menu for ${ADMIN.email}` }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).waitFor();
    await shot(page, "auth-account-menu-light");
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL((u) => u.pathname === "/sign-in");
    await page.getByRole("heading", { name: "Sign in to Ledger" }).waitFor();
    // Back at a dashboard page: sign-in again.
    await page.goto("/users");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
  });

  it("viewer: no Users link, and /users shows the 403 'Not allowed' page", async () => {
    const page = await newPage();
    await signIn(page, VIEWER);
    await page.waitForURL((u) => u.pathname === "/");
    const links = (await mainNav(page).getByRole("link").allTextContents()).map((l) => l.trim());
    expect(links).toEqual(NAV.filter((l) => l !== "Users" && l !== "Settings"));
    expect(await page.getByText(VIEWER.email).first().isVisible()).toBe(true);

    // (The HTTP status of this answer is checked in tests/http/crawl.test.ts.)
    await page.goto("/users");
    await page.getByRole("heading", { name: "Not allowed" }).waitFor();
    // The page shows none of the users list.
    expect(await page.content()).not.toContain(ADMIN.email);
    await shot(page, "auth-forbidden-viewer-light");
  });

  it("phone width (390 px): the navigation is behind a menu button that opens a sheet", async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signIn(page, ADMIN);
    await page.waitForURL((u) => u.pathname === "/");
    expect(await mainNav(page).isVisible()).toBe(false); // the sidebar is hidden
    await shot(page, "auth-overview-mobile-light");
    await page.getByRole("button", { name: "Open navigation" }).click();
    const sheet = page.getByRole("dialog");
    await sheet.waitFor();
    const links = (await sheet.getByRole("link").allTextContents()).map((l) => l.trim());
    expect(links).toEqual(NAV);
    await shot(page, "auth-nav-sheet-mobile-light");
    // Following a link closes the sheet.
    await sheet.getByRole("link", { name: "Leads" }).click();
    await page.waitForURL((u) => u.pathname === "/leads");
    await sheet.waitFor({ state: "hidden" });
    // No horizontal scrolling at phone width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it("dark theme follows the system: sign-in, overview, users, forbidden and the mobile sheet", async () => {
    const anon = await newPage({ colorScheme: "dark" });
    await anon.goto("/sign-in");
    const bg = await anon.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await newPage({ colorScheme: "light" });
    await light.goto("/sign-in");
    expect(bg).not.toBe(await light.evaluate(() => getComputedStyle(document.body).backgroundColor));
    await shot(anon, "auth-sign-in-dark");
    await signIn(anon, { email: ADMIN.email, password: "definitely wrong" });
    await anon.getByRole("alert").filter({ hasText: "Invalid email or password." }).waitFor();
    await shot(anon, "auth-sign-in-error-dark");

    const admin = await newPage({ colorScheme: "dark" });
    await signIn(admin, ADMIN);
    await admin.waitForURL((u) => u.pathname === "/");
    await shot(admin, "auth-overview-admin-dark");
    await admin.goto("/users");
    await admin.getByRole("heading", { name: "Users" }).waitFor();
    await shot(admin, "auth-users-admin-dark");

    const viewer = await newPage({ colorScheme: "dark" });
    await signIn(viewer, VIEWER);
    await viewer.waitForURL((u) => u.pathname === "/");
    await viewer.goto("/users");
    await viewer.getByRole("heading", { name: "Not allowed" }).waitFor();
    await shot(viewer, "auth-forbidden-viewer-dark");

    const phone = await newPage({ colorScheme: "dark", width: 390, height: 844 });
    await signIn(phone, VIEWER);
    await phone.waitForURL((u) => u.pathname === "/");
    await phone.getByRole("button", { name: "Open navigation" }).click();
    await phone.getByRole("dialog").waitFor();
    await shot(phone, "auth-nav-sheet-mobile-dark");
  });

  it("no script was refused by the CSP, no page error, nothing requested off-site", () => {
    expect(problems.filter((p) => /Content Security Policy|pageerror|off-site/i.test(p))).toEqual([]);
    problems.length = 0;
  });

  it("after sign-in, ?next= cannot send the browser to another site (tab/newline tricks included)", async () => {
    for (const next of ["//evil.example/", "/\\evil.example/", "/\t/evil.example/"]) {
      const page = await newPage();
      await signIn(page, VIEWER, `/sign-in?next=${encodeURIComponent(next)}`);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(500);
      expect(new URL(page.url()).host, `next=${JSON.stringify(next)} led to ${page.url()}`).toBe(new URL(server.url).host);
    }
  });
});
