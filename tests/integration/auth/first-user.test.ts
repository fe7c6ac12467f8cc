// The first user: `npm run user:create` (scripts/user-create.ts, run as a real child process against a
// test database) and the embedded demo admin (scripts/lib/demo-admin.ts), whose printed credentials
// must work. No default password exists otherwise.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import { afterAll, describe, expect, it } from "vitest";
import { describeDemoAdmin, ensureDemoAdmin, loadDemoAdmin } from "../../../scripts/lib/demo-admin.ts";
import { rows, useAuthDatabase } from "./helpers.ts";

const ctx = useAuthDatabase();
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

function userCreate(args: string[], stdin?: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, "--conditions=react-server", "scripts/user-create.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: ctx.db.url },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
    child.stdin.end(stdin ?? "");
  });
}

const credential = async (email: string) =>
  (
    await rows<{ role: string; password: string }>(
      ctx.pool,
      "SELECT u.role, a.password FROM app_user u JOIN auth_account a ON a.user_id = u.id AND a.provider_id = 'credential' WHERE u.email = $1",
      [email],
    )
  )[0];

describe("npm run user:create", () => {
  it("--password-stdin: creates the admin with that password, audited with the CLI as actor", async () => {
    const r = await userCreate(["--email", "First.Admin@Example.com", "--role", "admin", "--password-stdin"], "first admin password\n");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("created admin first.admin@example.com");
    expect(r.out).not.toContain("first admin password");
    const c = await credential("first.admin@example.com");
    expect(c?.role).toBe("admin");
    expect(await verifyPassword({ hash: c?.password as string, password: "first admin password" })).toBe(true);
    expect(await rows(ctx.pool, "SELECT actor_id FROM audit_log WHERE action = 'user.create' AND after->>'email' = 'first.admin@example.com'")).toEqual([
      { actor_id: "cli" },
    ]);
  });

  it("without --password-stdin: generates a strong password, prints it once, and it works", async () => {
    const r = await userCreate(["--email", "generated@example.com", "--role", "viewer"]);
    expect(r.code).toBe(0);
    const printed = /password: (\S+)/.exec(r.out)?.[1];
    expect(printed).toBeDefined();
    expect((printed as string).length).toBeGreaterThanOrEqual(20);
    const c = await credential("generated@example.com");
    expect(c?.role).toBe("viewer");
    expect(await verifyPassword({ hash: c?.password as string, password: printed as string })).toBe(true);
  });

  it.each([
    ["an unknown role", ["--email", "bad-role@example.com", "--role", "superuser", "--password-stdin"], "long enough password", "bad-role@example.com"],
    ["a short password", ["--email", "short@example.com", "--role", "admin", "--password-stdin"], "short", "short@example.com"],
    ["an invalid email", ["--email", "not-an-email", "--role", "admin", "--password-stdin"], "long enough password", "not-an-email"],
  ])("refuses %s with exit code 1 and creates nothing", async (_label, args, stdin, email) => {
    const r = await userCreate(args, stdin);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/invalid input/);
    expect(await rows(ctx.pool, "SELECT id FROM app_user WHERE email = $1", [email])).toEqual([]);
  });

  it("refuses a duplicate email", async () => {
    const r = await userCreate(["--email", "first.admin@example.com", "--role", "viewer", "--password-stdin"], "another password here");
    expect(r.code).toBe(1);
    expect(r.err).toContain("already exists");
    expect((await credential("first.admin@example.com"))?.role).toBe("admin");
  });
});

describe("the embedded demo admin", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("is created only on an empty database, and the credentials it prints work — also after the password was changed", async () => {
    await ctx.pool.query("DELETE FROM app_user");
    const dir = mkdtempSync(path.join(tmpdir(), "ledger-demo-admin-"));
    dirs.push(dir);
    const creds = await ensureDemoAdmin(ctx.db.url, dir);
    expect(creds?.email).toBe("admin@ledger.local");
    expect(statSync(path.join(dir, "demo-admin")).mode & 0o777).toBe(0o600);
    const c = await credential("admin@ledger.local");
    expect(c?.role).toBe("admin");
    expect(await verifyPassword({ hash: c?.password as string, password: creds?.password as string })).toBe(true);

    // Another start: the same user, not a second one.
    expect(await ensureDemoAdmin(ctx.db.url, dir)).toEqual(creds);
    expect(await rows(ctx.pool, "SELECT email FROM app_user")).toEqual([{ email: "admin@ledger.local" }]);

    // The admin changes their password (as the account page does): what a later start prints must
    // still work, or not be printed at all.
    await ctx.pool.query("UPDATE auth_account SET password = $1 WHERE provider_id = 'credential'", [await hashPassword("changed by the admin 1")]);
    const later = await ensureDemoAdmin(ctx.db.url, dir);
    if (later !== null) {
      const now = await credential(later.email);
      expect(
        await verifyPassword({ hash: now?.password as string, password: later.password }),
        "npm start would print a password that no longer works",
      ).toBe(true);
    }
  });

  it("the banner says what became of it: the credentials, a changed password (never \"removed\"), or removed", async () => {
    await ctx.pool.query("DELETE FROM app_user");
    const dir = mkdtempSync(path.join(tmpdir(), "ledger-demo-admin-"));
    dirs.push(dir);
    const file = "data/demo-admin";
    const ready = await loadDemoAdmin(ctx.db.url, dir);
    expect(ready.state).toBe("ready");
    expect(describeDemoAdmin(ready, file)).toEqual([`admin@ledger.local / ${(ready as { password: string }).password}  (demo admin, kept in ${file})`]);

    await ctx.pool.query("UPDATE auth_account SET password = $1 WHERE provider_id = 'credential'", [await hashPassword("changed by the admin 2")]);
    const changed = await loadDemoAdmin(ctx.db.url, dir);
    expect(changed).toEqual({ state: "password_changed", email: "admin@ledger.local" });
    const [line] = describeDemoAdmin(changed, file);
    expect(line).toContain("password was changed");
    expect(line).not.toMatch(/removed/);

    await ctx.pool.query("DELETE FROM app_user WHERE email = 'admin@ledger.local'");
    await ctx.pool.query("INSERT INTO app_user (id, name, email, role) VALUES ('someone-else', 'Someone', 'someone@example.com', 'admin')");
    const removed = await loadDemoAdmin(ctx.db.url, dir);
    expect(removed).toEqual({ state: "removed", email: "admin@ledger.local" });
    expect(describeDemoAdmin(removed, file)).toEqual(["the demo admin admin@ledger.local was removed; create users with npm run user:create"]);

    const empty = mkdtempSync(path.join(tmpdir(), "ledger-demo-admin-"));
    dirs.push(empty);
    const none = await loadDemoAdmin(ctx.db.url, empty);
    expect(none).toEqual({ state: "none" });
  });

  it("is not created when users exist", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ledger-demo-admin-"));
    dirs.push(dir);
    const before = await rows(ctx.pool, "SELECT id FROM app_user ORDER BY id");
    expect(before.length).toBeGreaterThan(0);
    expect(await ensureDemoAdmin(ctx.db.url, dir)).toBeNull();
    expect(await rows(ctx.pool, "SELECT id FROM app_user ORDER BY id")).toEqual(before);
  });
});
