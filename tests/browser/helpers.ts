// What the browser suites share: a Chromium launched on Debian's binary, pages that may not reach
// off-site and that record console/page errors, full-page screenshots into screenshots/ (git-ignored,
// for a person to look at), and the sign-in form.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SHOTS = path.join(ROOT, "screenshots");

export type PageOptions = { colorScheme?: "light" | "dark"; width?: number; height?: number };

export type BrowserHarness = {
  newPage(opts?: PageOptions): Promise<Page>;
  /** Console errors, page errors and off-site requests seen so far. */
  problems: string[];
  close(): Promise<void>;
};

export async function launchBrowser(baseURL: string): Promise<BrowserHarness> {
  mkdirSync(SHOTS, { recursive: true });
  const browser: Browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  return {
    problems,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        baseURL,
        colorScheme: opts.colorScheme ?? "light",
        viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
        deviceScaleFactor: 1,
      });
      contexts.push(context);
      // Nothing may leave the machine: any request to another origin is answered here, and recorded.
      await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
        problems.push(`off-site request: ${route.request().url()}`);
        return route.fulfill({ status: 200, contentType: "text/html", body: "<h1>OFF-SITE</h1>" });
      });
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
    },
  };
}

export async function shot(page: Page, name: string) {
  // Let the enter animations (sheet, dropdown) settle first.
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, user: { email: string; password: string }, from = "/sign-in") {
  await page.goto(from);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
