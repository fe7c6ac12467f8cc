// Passwords, sessions, sign-in and sign-out against a real database and the real better-auth
// instance: hashing and verification, the generic failure message, session expiry, sign-out
// deleting the row, password change ending other sessions, and sign-up being off.
import { verifyPassword } from "better-auth/crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-headers-mock.ts"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { signInAction } from "@/app/(auth)/sign-in/actions.ts";
import { signOutAction } from "@/app/(dashboard)/_lib/actions.ts";
import { changePasswordAction } from "@/app/(dashboard)/account/actions.ts";
import { auth } from "@/lib/auth/auth.ts";
import { getSessionUser, requireUser } from "@/lib/auth/require-user.ts";
import { signIn } from "@/lib/auth/sign-in.ts";
import { signOut } from "@/lib/auth/sign-out.ts";
import {
  accessFallbackStatus,
  CLIENT_IP,
  form,
  makeUser,
  PASSWORD,
  redirectTarget,
  requestHeaders,
  rows,
  sessionTokens,
  signInAs,
  thrown,
  useAuthDatabase,
} from "./helpers.ts";
import { setRequestHeaders } from "./next-headers-mock.ts";

const ctx = useAuthDatabase();
const INVALID = "Invalid email or password.";

beforeEach(async () => {
  // Sign-in attempts in one file share an IP; the throttle has its own tests (throttle.test.ts).
  await ctx.pool.query("DELETE FROM auth_throttle");
  setRequestHeaders(requestHeaders());
});

const ipCtx = (ip = CLIENT_IP) => ({ headers: requestHeaders({ ip }), ip });
const storedHash = async (userId: string) =>
  (await rows<{ password: string }>(ctx.pool, "SELECT password FROM auth_account WHERE user_id = $1 AND provider_id = 'credential'", [userId]))[0]
    ?.password;

describe("password hashing and verification", () => {
  it("stores a salted scrypt hash, never the password; the same password hashes differently per user", async () => {
    const a = await makeUser("viewer");
    const b = await makeUser("viewer");
    const ha = await storedHash(a.id);
    const hb = await storedHash(b.id);
    expect(ha).toBeDefined();
    expect(ha).not.toContain(PASSWORD);
    // better-auth's scrypt format: <hex salt>:<hex key>
    expect(ha).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(ha).not.toBe(hb);
    expect(await verifyPassword({ hash: ha as string, password: PASSWORD })).toBe(true);
    expect(await verifyPassword({ hash: ha as string, password: `${PASSWORD}!` })).toBe(false);
  });

  it("createUser then signIn with the right password: ok, one session row, audited as auth.sign_in", async () => {
    const u = await makeUser("admin");
    expect(await signIn({ email: u.email, password: PASSWORD }, ipCtx())).toEqual({ ok: true });
    expect(await sessionTokens(ctx.pool, u.id)).toHaveLength(1);
    const audit = await rows(ctx.pool, "SELECT action, actor_id, ip FROM audit_log WHERE target_id = $1 AND action LIKE 'auth.%'", [u.id]);
    expect(audit).toEqual([{ action: "auth.sign_in", actor_id: u.id, ip: CLIENT_IP }]);
  });

  it("the email is matched case-insensitively and trimmed", async () => {
    const u = await makeUser("viewer", { email: `Mixed.Case-${Date.now()}@Example.com` });
    expect(u.email).toBe(u.email.toLowerCase());
    expect(await signIn({ email: `  ${u.email.toUpperCase()} `, password: PASSWORD }, ipCtx())).toEqual({ ok: true });
  });

  it("a wrong password and an unknown email fail with the same generic message and create no session", async () => {
    const u = await makeUser("viewer");
    const wrong = await signIn({ email: u.email, password: "not the password at all" }, ipCtx());
    const unknown = await signIn({ email: `nobody-${Date.now()}@example.com`, password: PASSWORD }, ipCtx());
    const empty = await signIn({ email: u.email, password: "" }, ipCtx());
    expect(wrong).toEqual({ ok: false, error: INVALID });
    expect(unknown).toEqual({ ok: false, error: INVALID });
    expect(empty).toEqual({ ok: false, error: INVALID });
    expect(await sessionTokens(ctx.pool, u.id)).toEqual([]);
    const failed = await rows(ctx.pool, "SELECT actor_id, target_type FROM audit_log WHERE action = 'auth.sign_in_failed' AND target_id = $1", [u.email]);
    expect(failed).toEqual([
      { actor_id: null, target_type: "email" },
      { actor_id: null, target_type: "email" },
    ]);
  });

  it("the sign-in action answers the same for a wrong password and an unknown email, and redirects on success", async () => {
    const u = await makeUser("viewer");
    const wrong = await signInAction({}, form({ email: u.email, password: "not the password at all" }));
    const unknown = await signInAction({}, form({ email: `ghost-${Date.now()}@example.com`, password: "not the password at all" }));
    expect(wrong.error).toBe(INVALID);
    expect(unknown.error).toBe(INVALID);
    expect(await signInAction({}, form({ email: "", password: "" }))).toEqual({ error: "Enter your email and password.", email: "" });
    const ok = await thrown(() => signInAction({}, form({ email: u.email, password: PASSWORD, next: "/users" })));
    expect(redirectTarget(ok)).toBe("/users");
    expect(await sessionTokens(ctx.pool, u.id)).toHaveLength(1);
  });

  it.each([
    ["https://evil.example/"],
    ["//evil.example/"],
    ["/\\evil.example/"],
    // Browsers and the WHATWG URL parser drop ASCII tab and newline inside URLs: "/\t/evil.example"
    // becomes "//evil.example", a protocol-relative URL to another site.
    ["/\t/evil.example/"],
    ["/\n/evil.example/"],
  ])("after sign-in, next=%j never leads off-site", async (next) => {
    const u = await makeUser("viewer");
    const err = await thrown(() => signInAction({}, form({ email: u.email, password: PASSWORD, next })));
    const target = redirectTarget(err);
    expect(target).not.toBeNull();
    expect(new URL(target as string, "http://ledger.test/").origin).toBe("http://ledger.test");
  });
});

describe("sessions", () => {
  it("a session cookie from sign-in identifies the user and role; no cookie or a forged one is anonymous", async () => {
    const u = await makeUser("viewer");
    const s = await signInAs(u);
    setRequestHeaders(s.headers);
    expect(await getSessionUser()).toEqual({ id: u.id, email: u.email, name: u.name, role: "viewer" });

    setRequestHeaders(requestHeaders());
    expect(await getSessionUser()).toBeNull();
    // The token alone, unsigned, or with someone else's signature, is no session.
    setRequestHeaders(requestHeaders({ cookie: `better-auth.session_token=${s.token}` }));
    expect(await getSessionUser()).toBeNull();
    setRequestHeaders(requestHeaders({ cookie: `better-auth.session_token=${s.token}.${"A".repeat(43)}%3D` }));
    expect(await getSessionUser()).toBeNull();
  });

  it("the cookie: httpOnly and SameSite=Lax; over https (LEDGER_URL https://…) also Secure with the __Secure- prefix", async () => {
    const u = await makeUser("viewer");
    const cookieFor = async () => {
      const res = await auth().api.signInEmail({ body: { email: u.email, password: PASSWORD }, headers: requestHeaders(), returnHeaders: true });
      return res.headers.getSetCookie().find((c) => c.includes("session_token=")) ?? "";
    };
    const plain = await cookieFor();
    expect(plain).toMatch(/^better-auth\.session_token=/);
    expect(plain).toMatch(/; HttpOnly/i);
    expect(plain).toMatch(/; SameSite=Lax/i);
    expect(plain).not.toMatch(/; Secure/i);

    const g = globalThis as { ledgerAuth?: unknown };
    const saved = { auth: g.ledgerAuth, url: process.env.LEDGER_URL };
    delete g.ledgerAuth;
    process.env.LEDGER_URL = "https://ledger.example.com";
    try {
      const secure = await cookieFor();
      expect(secure).toMatch(/^__Secure-better-auth\.session_token=/);
      expect(secure).toMatch(/; Secure/i);
      expect(secure).toMatch(/; HttpOnly/i);
      expect(secure).toMatch(/; SameSite=Lax/i);
    } finally {
      g.ledgerAuth = saved.auth;
      process.env.LEDGER_URL = saved.url;
    }
  });

  it("expires: a session whose expires_at has passed is no session (and requireUser sends to /sign-in)", async () => {
    const u = await makeUser("admin");
    const s = await signInAs(u);
    setRequestHeaders(s.headers);
    expect((await getSessionUser())?.id).toBe(u.id);
    const expires = (await rows<{ expires_at: Date }>(ctx.pool, "SELECT expires_at FROM auth_session WHERE token = $1", [s.token]))[0]?.expires_at;
    // 7 days, as configured in lib/auth/auth.ts
    expect((expires as Date).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    await ctx.pool.query("UPDATE auth_session SET expires_at = now() - interval '1 second' WHERE token = $1", [s.token]);
    expect(await getSessionUser()).toBeNull();
    expect(redirectTarget(await thrown(() => requireUser()))).toBe("/sign-in");
  });

  it("requireUser: viewer on an admin page → 403 (forbidden()); admin passes", async () => {
    const v = await makeUser("viewer");
    const a = await makeUser("admin");
    setRequestHeaders((await signInAs(v)).headers);
    expect(await requireUser()).toMatchObject({ id: v.id, role: "viewer" });
    expect(accessFallbackStatus(await thrown(() => requireUser({ role: "admin" })))).toBe(403);
    setRequestHeaders((await signInAs(a)).headers);
    expect(await requireUser({ role: "admin" })).toMatchObject({ id: a.id, role: "admin" });
  });

  it("sign-out deletes that session's row (other devices stay signed in) and redirects to /sign-in", async () => {
    const u = await makeUser("viewer");
    const laptop = await signInAs(u);
    const phone = await signInAs(u);
    expect(await sessionTokens(ctx.pool, u.id)).toEqual([laptop.token, phone.token].sort());

    setRequestHeaders(laptop.headers);
    const err = await thrown(() => signOutAction());
    expect(redirectTarget(err)).toBe("/sign-in");
    expect(await sessionTokens(ctx.pool, u.id)).toEqual([phone.token]);
    expect(await getSessionUser()).toBeNull();
    const audit = await rows(ctx.pool, "SELECT actor_id FROM audit_log WHERE action = 'auth.sign_out' AND target_id = $1", [u.id]);
    expect(audit).toEqual([{ actor_id: u.id }]);

    // lib/auth/sign-out.ts directly, for the other device
    await signOut({ id: u.id, email: u.email, name: u.name, role: "viewer" }, { headers: phone.headers, ip: CLIENT_IP });
    expect(await sessionTokens(ctx.pool, u.id)).toEqual([]);
  });

  it("changing your own password: wrong current password refused; then the old password fails, the new works, other sessions end", async () => {
    const u = await makeUser("viewer");
    const current = await signInAs(u);
    const other = await signInAs(u);
    const before = await storedHash(u.id);
    setRequestHeaders(current.headers);

    const refused = await changePasswordAction(null, form({ currentPassword: "wrong wrong wrong", newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" }));
    expect(refused).toMatchObject({ ok: false, error: "The current password is wrong" });
    const mismatch = await changePasswordAction(null, form({ currentPassword: PASSWORD, newPassword: "a brand new passphrase", confirmPassword: "something else entirely" }));
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { confirmPassword: "does not match the new password" } });
    const short = await changePasswordAction(null, form({ currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" }));
    expect(short).toMatchObject({ ok: false, fieldErrors: { newPassword: "at least 12 characters" } });
    expect(await storedHash(u.id)).toBe(before);

    const ok = await changePasswordAction(null, form({ currentPassword: PASSWORD, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" }));
    expect(ok).toEqual({ ok: true, message: "Password changed. Your other sessions were signed out." });
    expect(await storedHash(u.id)).not.toBe(before);
    const tokens = await sessionTokens(ctx.pool, u.id);
    expect(tokens).not.toContain(other.token);
    expect(tokens).toHaveLength(1); // the fresh session better-auth issues to the device that changed it

    expect(await signIn({ email: u.email, password: PASSWORD }, ipCtx())).toEqual({ ok: false, error: INVALID });
    expect(await signIn({ email: u.email, password: "a brand new passphrase" }, ipCtx())).toEqual({ ok: true });
    const audit = await rows(ctx.pool, "SELECT actor_id FROM audit_log WHERE action = 'auth.password_change' AND target_id = $1", [u.id]);
    expect(audit).toEqual([{ actor_id: u.id }]);
  });
});

describe("sign-up is off", () => {
  it("auth().api.signUpEmail is refused (EMAIL_PASSWORD_SIGN_UP_DISABLED) and creates no user", async () => {
    const email = `self-service-${Date.now()}@example.com`;
    const err = await thrown(() =>
      auth().api.signUpEmail({ body: { email, password: "a long enough password", name: "Self Service" }, headers: requestHeaders() }),
    );
    expect(err).toMatchObject({ body: { code: "EMAIL_PASSWORD_SIGN_UP_DISABLED" } });
    expect(await rows(ctx.pool, "SELECT id FROM app_user WHERE email = $1", [email])).toEqual([]);
  });

  it("better-auth's HTTP handler is not mounted: the build has no /api/auth route (checked over HTTP in tests/http/crawl.test.ts)", async () => {
    const { readdirSync, existsSync } = await import("node:fs");
    const apiDir = new URL("../../../app/api/", import.meta.url);
    expect(existsSync(new URL("auth/", apiDir))).toBe(false);
    expect(readdirSync(apiDir)).not.toContain("auth");
  });
});
