// The access-control crawl: the real production server (scripts/server.ts, `next start`) on a fresh
// database holding recognisable data, and every route the build produces requested as anonymous —
// without a cookie and with a forged one — by GET and POST. Only the allow-list answers (the sign-in
// page, /api/health, the webhook with its secret, static assets); every other route redirects to
// /sign-in or answers 401/403/404/405, and no answer contains any of the data. Every server action in
// the build is invoked as anonymous and as a viewer and changes nothing. Also: security headers, the
// cross-origin refusal of server actions, no HTTP sign-up, and a client IP that cannot be forged.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { ensureBuild } from "../../scripts/lib/ensure-build.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { type NextServer, startNextServer } from "../helpers/next-server.ts";
import { fixture } from "../integration/webhook/helpers.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const require = createRequire(import.meta.url);
// React's own encoder for server action arguments: the client side of the protocol Next's server decodes.
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (args: unknown[]) => Promise<string | FormData>;
};

const SECRET = "crawl-webhook-secret-3d9a7c51";
const WEBHOOK = "/api/webhooks/firstpromoter";
const PASSWORD = "crawl password 123456";
const ADMIN = { email: "crawl-admin-marker@example.com", name: "Crawl Admin", role: "admin" as const, password: PASSWORD };
const VIEWER = { email: "crawl-viewer-marker@example.com", name: "Crawl Viewer", role: "viewer" as const, password: PASSWORD };
const EVENT_ID = 987_654_321;
/** Strings that appear only in data (users, audit log, stored events): never in an anonymous answer. */
const MARKERS = ["crawl-admin-marker", "crawl-viewer-marker", "crawl-lead-marker", String(EVENT_ID), "Crawl Admin", "Crawl Viewer"];
const FORGED_COOKIE = "better-auth.session_token=forged-session-token.c2lnbmF0dXJlLW5vdC1taW5l";

let db: TestDatabase;
let server: NextServer;
let prisma: PrismaClient;
let pool: pg.Pool;
let viewerId: string;

beforeAll(async () => {
  await ensureBuild({ log: () => {} });
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  await createUser(prisma, ADMIN, { id: "cli", email: "cli" });
  viewerId = (await createUser(prisma, VIEWER, { id: "cli", email: "cli" })).id;
  server = await startNextServer({ DATABASE_URL: db.url, WEBHOOK_SECRET: SECRET, LEDGER_DEMO: "0" });
  // Data for the pages to show: one event with a recognisable id, delivered the way FirstPromoter does.
  const body = fixture("lead_signup");
  body.event.id = EVENT_ID;
  body.data.email = "crawl-lead-marker@example.com";
  const res = await fetch(`${server.url}${WEBHOOK}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${SECRET}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}, 15 * 60_000);

afterAll(async () => {
  await server?.stop();
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

// ---------------------------------------------------------------------------------------------
// Requests

type Answer = { status: number; headers: Headers; text: string; location: string | null };

async function request(pathname: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${server.url}${pathname}`, { redirect: "manual", ...init, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, location: res.headers.get("location") };
}

function leaked(text: string): string[] {
  return MARKERS.filter((m) => text.includes(m));
}

/** Redirected to the sign-in page, or refused with 401/403/404/405 — and no data in the answer either way. */
function expectRefused(a: Answer, what: string) {
  const redirect = [303, 307, 308].includes(a.status);
  const ok = redirect ? new URL(a.location ?? "", server.url).pathname === "/sign-in" : [401, 403, 404, 405].includes(a.status);
  expect(ok, `${what} answered ${a.status}${a.location ? ` → ${a.location}` : ""}: ${a.text.slice(0, 300)}`).toBe(true);
  expect(leaked(a.text), `${what} leaked data`).toEqual([]);
}

async function signInOverHttp(user: { email: string; password: string }, headers: Record<string, string> = {}): Promise<{ cookie: string; answer: Answer; setCookie: string[] }> {
  const form = new FormData();
  form.set("email", user.email);
  form.set("password", user.password);
  form.set("next", "/");
  const res = await fetch(`${server.url}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Next-Action": actionId("signInAction"), Accept: "text/x-component", Origin: server.url, ...headers },
    body: (await encodeReply([{}, form])) as BodyInit,
  });
  const setCookie = res.headers.getSetCookie();
  const answer = { status: res.status, headers: res.headers, text: await res.text(), location: res.headers.get("location") };
  const cookie = setCookie.map((c) => c.split(";")[0]).filter((c) => c?.startsWith("better-auth.session_token=")).join("; ");
  return { cookie, answer, setCookie };
}

// ---------------------------------------------------------------------------------------------
// What the build produced

/** Every route of the build (.next/app-path-routes-manifest.json), with sample values in dynamic segments. */
function builtRoutes(): { route: string; paths: string[] }[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  return [...new Set(Object.values(manifest))].sort().map((route) => {
    let variants = [route];
    for (;;) {
      const next = variants.flatMap((p) => {
        const m = /\[\[\.\.\.[^\]]+\]\]|\[\.\.\.[^\]]+\]|\[[^\]]+\]/.exec(p);
        if (!m) return [p];
        const seg = m[0];
        if (seg.startsWith("[[...")) return [p.replace(`/${seg}`, "") || "/", p.replace(seg, "sample-value")];
        if (seg.startsWith("[...")) return [p.replace(seg, "sample/value")];
        return [p.replace(seg, "1")];
      });
      if (next.join() === variants.join()) break;
      variants = next;
    }
    return { route, paths: variants };
  });
}

type ActionEntry = { id: string; name: string; page: string };

/** Every server action in the build, with a page that serves it. */
function builtActions(): ActionEntry[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, v]) => {
    const worker = Object.keys(v.workers)[0] ?? "app/page";
    const page = `/${worker.replace(/^app\/?/, "").replace(/\/?page$/, "")}`.split("/").filter((s) => s && !/^\(.*\)$/.test(s)).join("/");
    return { id, name: v.exportedName, page: `/${page}` };
  });
}

function actionId(name: string): string {
  const a = builtActions().find((x) => x.name === name);
  if (!a) throw new Error(`no server action named ${name} in the build`);
  return a.id;
}

/** Arguments that would make each action change something if it ran for an admin. */
function actionArgs(name: string): unknown[] {
  const f = (fields: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return fd;
  };
  switch (name) {
    case "createUserAction":
      return [null, f({ email: "crawl-created@example.com", name: "Created By Crawl", role: "admin", password: "created by crawl 123" })];
    case "changeRoleAction":
      return [viewerId, "admin"];
    case "removeUserAction":
      return [viewerId];
    case "changePasswordAction":
      return [null, f({ currentPassword: PASSWORD, newPassword: "changed by crawl 123", confirmPassword: "changed by crawl 123" })];
    case "reviewFulfilmentsAction":
      return [{ ids: ["1"], decision: "approved" }];
    default:
      return [];
  }
}

async function callAction(a: ActionEntry, opts: { cookie?: string; origin?: string; args?: unknown[] } = {}): Promise<Answer> {
  const headers: Record<string, string> = { "Next-Action": a.id, Accept: "text/x-component", Origin: opts.origin ?? server.url };
  if (opts.cookie) headers.Cookie = opts.cookie;
  return request(a.page, { method: "POST", headers, body: (await encodeReply(opts.args ?? actionArgs(a.name))) as BodyInit });
}

/** Everything a request could change that matters here. */
async function state() {
  const q = async (sql: string) => (await pool.query(sql)).rows;
  return {
    users: await q("SELECT id, email, role, updated_at FROM app_user ORDER BY id"),
    accounts: await q("SELECT user_id, password FROM auth_account ORDER BY id"),
    sessions: await q("SELECT token, user_id FROM auth_session ORDER BY token"),
    audit: await q("SELECT count(*)::int AS n FROM audit_log"),
    events: await q("SELECT count(*)::int AS n FROM webhook_event"),
    fulfilments: await q("SELECT id::text, review_status::text FROM fulfilment ORDER BY id"),
  };
}

// ---------------------------------------------------------------------------------------------

/** Routes that answer without a session, by design. */
const PUBLIC_ROUTES = new Set(["/sign-in", "/api/health", "/icon.svg", WEBHOOK, `${WEBHOOK}/[...secret]`]);
/** Next's built-in error route: requested directly it renders its static error page, without data. */
const NEXT_INTERNAL = new Set(["/_global-error"]);

describe("the crawl as anonymous", () => {
  it("the build's routes are the ones this test knows how to judge", () => {
    const routes = builtRoutes().map((r) => r.route);
    expect(routes).toContain("/sign-in");
    expect(routes).toContain("/users");
    expect(routes).toContain("/");
    expect(routes.length).toBeGreaterThan(8);
    // Pages and route handlers alike are crawled; no better-auth HTTP handler is mounted.
    expect(routes.some((r) => r.startsWith("/api/auth"))).toBe(false);
  });

  it("control: signed in as admin the same pages show the data the crawl looks for", async () => {
    const { cookie } = await signInOverHttp(ADMIN);
    expect(cookie).not.toBe("");
    expect(leaked((await request("/users", { headers: { Cookie: cookie } })).text)).toEqual(
      expect.arrayContaining(["crawl-admin-marker", "crawl-viewer-marker"]),
    );
    expect(leaked((await request("/events", { headers: { Cookie: cookie } })).text)).toContain(String(EVENT_ID));
    expect(leaked((await request("/activity", { headers: { Cookie: cookie } })).text)).toContain("crawl-admin-marker");
  });

  const variants: { label: string; headers: Record<string, string> }[] = [
    { label: "no cookie", headers: {} },
    { label: "forged session cookie", headers: { Cookie: FORGED_COOKIE } },
  ];

  for (const v of variants) {
    it(`every non-public route refuses GET and POST (${v.label})`, async () => {
      const before = await state();
      const checked: string[] = [];
      for (const { route, paths } of builtRoutes()) {
        if (PUBLIC_ROUTES.has(route)) continue;
        for (const p of paths) {
          for (const method of ["GET", "POST"]) {
            const body = method === "POST" ? "email=x&role=admin" : undefined;
            const headers = { ...v.headers, ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) };
            const a = await request(p, { method, headers, body });
            // Next's own error page renders (500, or 200 for a POST) when requested directly: no data either way.
            if (NEXT_INTERNAL.has(route) && [200, 500].includes(a.status)) expect(leaked(a.text)).toEqual([]);
            else expectRefused(a, `${method} ${p}`);
            checked.push(`${method} ${p}`);
          }
        }
      }
      // Routes that exist in no build are refused too (and sign-in's ?next= is not an open door).
      for (const p of ["/users/1", "/settings", "/api/users", "/api/auth/get-session"]) {
        expectRefused(await request(p, { headers: v.headers }), `GET ${p}`);
      }
      expect(checked.length).toBeGreaterThan(16);
      expect(await state()).toEqual(before);
    });
  }

  it("the sign-in page answers without a session and shows no data", async () => {
    for (const method of ["GET", "POST"]) {
      const a = await request("/sign-in?next=%2Fusers", { method });
      expect(a.status, method).toBe(200);
      expect(a.text).toContain("Sign in to Ledger");
      expect(leaked(a.text)).toEqual([]);
    }
  });

  it("/api/health answers without a session (GET), and only with its own status", async () => {
    const a = await request("/api/health");
    expect(a.status).toBe(200);
    expect(Object.keys(JSON.parse(a.text)).sort()).toEqual(["database", "latency_ms", "ok"]);
    expectRefused(await request("/api/health", { method: "POST" }), "POST /api/health");
  });

  it("the webhook answers with its secret (Bearer or path) and 401 without or with a wrong one", async () => {
    const body = (id: number) => {
      const b = fixture("lead_signup");
      b.event.id = id;
      return JSON.stringify(b);
    };
    const json = { "Content-Type": "application/json" };
    const none = await request(WEBHOOK, { method: "POST", headers: json, body: body(1001) });
    expect(none.status).toBe(401);
    expect(leaked(none.text)).toEqual([]);
    expect((await request(`${WEBHOOK}/wrong-secret`, { method: "POST", headers: json, body: body(1002) })).status).toBe(401);
    expect((await request(WEBHOOK, { method: "POST", headers: { ...json, Authorization: "Bearer wrong" }, body: body(1003) })).status).toBe(401);
    // A session is no substitute for the secret.
    const { cookie } = await signInOverHttp(ADMIN);
    expect((await request(WEBHOOK, { method: "POST", headers: { ...json, Cookie: cookie }, body: body(1004) })).status).toBe(401);
    expect((await request(WEBHOOK, { method: "POST", headers: { ...json, Authorization: `Bearer ${SECRET}` }, body: body(1005) })).status).toBe(200);
    expect((await request(`${WEBHOOK}/${SECRET}`, { method: "POST", headers: json, body: body(1006) })).status).toBe(200);
    expectRefused(await request(WEBHOOK), "GET webhook");
    const stored = await pool.query("SELECT external_id FROM webhook_event WHERE external_id IN ('1001','1002','1003','1004','1005','1006') ORDER BY external_id");
    expect(stored.rows).toEqual([{ external_id: "1005" }, { external_id: "1006" }]);
  });

  it("static assets answer without a session", async () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/build-manifest.json"), "utf8")) as { rootMainFiles: string[]; polyfillFiles: string[] };
    const files = [...manifest.rootMainFiles, ...manifest.polyfillFiles];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const a = await request(`/_next/${f}`);
      expect(a.status, f).toBe(200);
      expect(a.headers.get("content-type"), f).toMatch(/javascript/);
    }
    // The stylesheets and scripts the sign-in page links to load without a session too.
    const page = (await request("/sign-in")).text;
    const linked = [...page.matchAll(/(?:href|src)="(\/_next\/static\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(linked.some((f) => f.endsWith(".css"))).toBe(true);
    for (const f of new Set(linked)) expect((await request(f)).status, f).toBe(200);
  });

  // The app's icon (app/icon.svg, linked from every page including the sign-in page) is a static asset.
  it("the app icon answers without a session", async () => {
    const icon = await request("/icon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
  });

  it("there is no HTTP sign-up (nor any better-auth endpoint), and nothing is created", async () => {
    const before = await state();
    for (const p of ["/api/auth/sign-up/email", "/api/auth/sign-in/email", "/api/auth/sign-out", "/api/auth/ok"]) {
      const a = await request(p, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: server.url },
        body: JSON.stringify({ email: "signup@example.com", password: "sign me up please", name: "Sign Up" }),
      });
      expect(a.status, p).toBe(404);
    }
    expect(await state()).toEqual(before);
  });
});

describe("server actions without a valid session change nothing", () => {
  it("a bogus Next-Action id gets no data", async () => {
    for (const cookie of [undefined, FORGED_COOKIE]) {
      for (const page of ["/", "/users", "/sign-in"]) {
        const a = await request(page, {
          method: "POST",
          headers: { "Next-Action": "00".repeat(21), Accept: "text/x-component", Origin: server.url, ...(cookie ? { Cookie: cookie } : {}) },
          body: "[]",
        });
        expect(a.status, `${page} ${cookie ? "forged" : "no cookie"}`).not.toBe(200);
        expect(leaked(a.text)).toEqual([]);
      }
    }
  });

  it("every server action of the build, as anonymous (no cookie, forged cookie): refused, no data, no change", async () => {
    const actions = builtActions().filter((a) => a.name !== "signInAction");
    expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(["createUserAction", "changeRoleAction", "removeUserAction", "changePasswordAction", "signOutAction"]));
    const before = await state();
    for (const a of actions) {
      for (const cookie of [undefined, FORGED_COOKIE]) {
        const ans = await callAction(a, { cookie });
        const what = `${a.name} (${cookie ? "forged cookie" : "no cookie"}) → ${ans.status}`;
        expect(leaked(ans.text), what).toEqual([]);
        if (ans.status === 200) {
          // An action's own answer: a refusal, or (sign-out) a redirect to the sign-in page.
          const redirect = ans.headers.get("x-action-redirect");
          if (redirect) expect(redirect, what).toMatch(/^\/sign-in(;|$)/);
          else expect(ans.text, what).toContain('"ok":false');
        } else {
          expectRefused(ans, what);
        }
      }
    }
    expect(await state()).toEqual(before);
  });

  it("every admin-only server action, as a signed-in viewer: refused, no change", async () => {
    const { cookie } = await signInOverHttp(VIEWER);
    expect(cookie).not.toBe("");
    const forViewers = new Set(["signInAction", "signOutAction", "changePasswordAction"]);
    const before = await state();
    for (const a of builtActions().filter((x) => !forViewers.has(x.name))) {
      const ans = await callAction(a, { cookie });
      expect(ans.status, a.name).toBe(200);
      expect(ans.text, a.name).toContain('"error":"Your role does not allow this"');
    }
    expect(await state()).toEqual(before);
  });
});

describe("roles over HTTP", () => {
  it("a viewer requesting the admin-only /users page gets the 403 'Not allowed' page without the users list", async () => {
    const { cookie } = await signInOverHttp(VIEWER);
    const a = await request("/users", { headers: { Cookie: cookie } });
    expect(a.text).toContain("Not allowed");
    expect(a.text).not.toContain(ADMIN.email);
    // next.config.ts: "forbidden() renders app/forbidden.tsx with a 403 for signed-in users without the role"
    expect(a.status).toBe(403);
  });

  it("a viewer can read the other dashboard pages", async () => {
    const { cookie } = await signInOverHttp(VIEWER);
    for (const p of ["/", "/promoters", "/leads", "/rewards", "/fulfilments", "/events", "/activity", "/account"]) {
      expect((await request(p, { headers: { Cookie: cookie } })).status, p).toBe(200);
    }
  });
});

describe("user-controlled text is never rendered as HTML", () => {
  it("a user named with markup appears escaped on /users and /activity", async () => {
    const name = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
    await createUser(prisma, { email: "mallory@example.com", name, role: "viewer", password: PASSWORD }, { id: "cli", email: "cli" });
    const { cookie } = await signInOverHttp(ADMIN);
    for (const p of ["/users", "/activity"]) {
      const a = await request(p, { headers: { Cookie: cookie } });
      expect(a.status, p).toBe(200);
      expect(a.text, p).toContain("mallory@example.com");
      expect(a.text, p).not.toContain("<script>alert(2)</script>");
      expect(a.text, p).not.toMatch(/<img src=x onerror/);
      expect(a.text, p).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    }
  });
});

describe("origin checks", () => {
  it("a cross-origin POST of a server action with an admin's session is refused by Next; the same-origin one works", async () => {
    const { cookie } = await signInOverHttp(ADMIN);
    const create = builtActions().find((a) => a.name === "createUserAction") as ActionEntry;
    const args = (email: string) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries({ email, name: "Origin Test", role: "admin", password: "origin test 12345" })) fd.set(k, v);
      return [null, fd];
    };
    const before = await state();
    for (const origin of ["http://evil.example", "null", "http://127.0.0.1.evil.example"]) {
      const a = await callAction(create, { cookie, origin, args: args("cross-origin@example.com") });
      expect(a.status, origin).toBeGreaterThanOrEqual(400);
      expect(a.text).not.toContain('"ok":true');
    }
    expect(await state()).toEqual(before);

    const same = await callAction(create, { cookie, args: args("same-origin@example.com") });
    expect(same.status).toBe(200);
    const created = await pool.query("SELECT email FROM app_user WHERE email IN ('cross-origin@example.com', 'same-origin@example.com')");
    expect(created.rows).toEqual([{ email: "same-origin@example.com" }]);
  });
});

describe("sessions over HTTP", () => {
  it("sign-in sets an httpOnly, SameSite=Lax session cookie (not Secure on http) and records the socket's address, not a forged one", async () => {
    const { answer, setCookie } = await signInOverHttp(VIEWER, { "X-Ledger-Client-IP": "6.6.6.6", "X-Forwarded-For": "7.7.7.7" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-action-redirect")).toMatch(/^\/(;|$)/);
    const session = setCookie.find((c) => c.startsWith("better-auth.session_token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(session).toMatch(/; Path=\//);
    expect(session).not.toMatch(/; Secure/i);
    const last = await pool.query("SELECT ip FROM audit_log WHERE action = 'auth.sign_in' AND actor_email = $1 ORDER BY id DESC LIMIT 1", [VIEWER.email]);
    expect(last.rows).toEqual([{ ip: "127.0.0.1" }]);
  });

  it("a wrong password over HTTP: the generic message, no cookie", async () => {
    const { answer, setCookie, cookie } = await signInOverHttp({ email: VIEWER.email, password: "not the password" });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("Invalid email or password.");
    expect(cookie).toBe("");
    expect(setCookie.filter((c) => c.startsWith("better-auth.session_token=") && !/Max-Age=0/.test(c))).toEqual([]);
  });

  it("sign-out over HTTP deletes the session row and clears the cookie; the old cookie is then refused", async () => {
    const { cookie } = await signInOverHttp(VIEWER);
    const token = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0];
    expect((await pool.query("SELECT 1 FROM auth_session WHERE token = $1", [token])).rowCount).toBe(1);
    const signOut = builtActions().find((a) => a.name === "signOutAction") as ActionEntry;
    const res = await fetch(`${server.url}${signOut.page}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Next-Action": signOut.id, Accept: "text/x-component", Origin: server.url, Cookie: cookie },
      body: (await encodeReply([])) as BodyInit,
    });
    expect(res.headers.get("x-action-redirect")).toMatch(/^\/sign-in(;|$)/);
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="));
    expect(cleared, `Set-Cookie: ${JSON.stringify(res.headers.getSetCookie())}`).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect((await pool.query("SELECT 1 FROM auth_session WHERE token = $1", [token])).rowCount).toBe(0);
    expectRefused(await request("/", { headers: { Cookie: cookie } }), "GET / with the signed-out cookie");
  });
});

describe("security headers", () => {
  function csp(a: Answer): Map<string, string[]> {
    const header = a.headers.get("content-security-policy") ?? "";
    return new Map(
      header
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name as string, values]),
    );
  }

  it.each([
    ["the sign-in page (anonymous)", "/sign-in", false],
    ["the overview (signed in)", "/", true],
    ["the users page (signed in)", "/users", true],
  ])("%s: CSP with a per-request nonce and no 'unsafe-eval', frame-ancestors 'none', nosniff, referrer policy", async (_label, page, signedIn) => {
    const headers: Record<string, string> = signedIn ? { Cookie: (await signInOverHttp(ADMIN)).cookie } : {};
    const a = await request(page, { headers });
    const b = await request(page, { headers });
    expect(a.status).toBe(200);
    const policy = csp(a);
    const scriptSrc = policy.get("script-src") ?? [];
    const nonce = scriptSrc.find((s) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(s));
    expect(nonce, `script-src ${scriptSrc.join(" ")}`).toBeDefined();
    expect(a.headers.get("content-security-policy")).not.toContain("unsafe-eval");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
    expect(a.headers.get("x-powered-by")).toBeNull();
    // A fresh nonce per request, and it is the one on every script Next rendered.
    expect(csp(b).get("script-src")).not.toContain(nonce);
    const value = (nonce as string).slice("'nonce-".length, -1);
    const scripts = [...a.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s, s).toContain(`nonce="${value}"`);
  });
});
