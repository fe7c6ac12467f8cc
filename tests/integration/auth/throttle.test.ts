// Sign-in rate limit (lib/auth/throttle-sign-in.ts through lib/auth/sign-in.ts) against a real
// database: 8 attempts per email and 30 per IP per 15-minute window, counted in Postgres so that two
// app instances (two Prisma clients) share the count, with a "Try again in N s" answer.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-headers-mock.ts"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { signInAction } from "@/app/(auth)/sign-in/actions.ts";
import { signIn } from "@/lib/auth/sign-in.ts";
import { SIGN_IN_LIMITS, throttleSignIn } from "@/lib/auth/throttle-sign-in.ts";
import { getDb } from "@/lib/db/index.ts";
import { form, makeUser, PASSWORD, requestHeaders, rows, sessionTokens, useAuthDatabase } from "./helpers.ts";
import { setRequestHeaders } from "./next-headers-mock.ts";

const ctx = useAuthDatabase();
const WINDOW = SIGN_IN_LIMITS.windowSeconds;
const TOO_MANY = /^Too many sign-in attempts\. Try again in (\d+) s\.$/;

let ipSeq = 0;
/** A fresh client address per test, so per-IP counts never leak between tests. */
const freshIp = () => `198.51.100.${++ipSeq}`;
const at = (ip: string) => ({ headers: requestHeaders({ ip }), ip });

beforeEach(() => ctx.pool.query("DELETE FROM auth_throttle"));

function retryAfter(error: string | undefined): number {
  const m = TOO_MANY.exec(error ?? "");
  expect(m, `expected a "try again" message, got ${JSON.stringify(error)}`).not.toBeNull();
  return Number(m?.[1]);
}

describe("sign-in rate limit", () => {
  it("the limits are 8 per email and 30 per IP per 15 minutes", () => {
    expect(SIGN_IN_LIMITS).toEqual({ windowSeconds: 900, perEmail: 8, perIp: 30 });
  });

  it("per email: 8 wrong attempts are answered normally, the 9th is refused with 'Try again in N s' — even with the right password", async () => {
    const u = await makeUser("viewer");
    for (let i = 1; i <= 8; i++) {
      // Each attempt from another address: only the email's count can trip.
      expect(await signIn({ email: u.email, password: `wrong password ${i}` }, at(freshIp()))).toEqual({ ok: false, error: "Invalid email or password." });
    }
    const ninth = await signIn({ email: u.email, password: PASSWORD }, at(freshIp()));
    expect(ninth.ok).toBe(false);
    const n = retryAfter(!ninth.ok ? ninth.error : undefined);
    expect(n).toBeGreaterThan(WINDOW - 60);
    expect(n).toBeLessThanOrEqual(WINDOW);
    expect(ninth).toMatchObject({ retryAfterSeconds: n });
    expect(await sessionTokens(ctx.pool, u.id)).toEqual([]);
    // The same email in another spelling is the same key.
    const upper = await signIn({ email: ` ${u.email.toUpperCase()} `, password: PASSWORD }, at(freshIp()));
    expect(upper.ok).toBe(false);
    const throttled = await rows(ctx.pool, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.sign_in_throttled' AND target_id = $1", [u.email]);
    expect(throttled).toEqual([{ n: 2 }]);
  });

  it("the sign-in form shows the same message", async () => {
    const u = await makeUser("viewer");
    const ip = freshIp();
    setRequestHeaders(requestHeaders({ ip }));
    for (let i = 1; i <= 8; i++) await signInAction({}, form({ email: u.email, password: "wrong wrong wrong" }));
    const state = await signInAction({}, form({ email: u.email, password: PASSWORD }));
    retryAfter(state.error);
    expect(state.email).toBe(u.email);
  });

  it("a successful sign-in clears the email's count (the IP's stays)", async () => {
    const u = await makeUser("viewer");
    const ip = freshIp();
    for (let i = 1; i <= 7; i++) await signIn({ email: u.email, password: "wrong wrong wrong" }, at(ip));
    expect(await signIn({ email: u.email, password: PASSWORD }, at(ip))).toEqual({ ok: true });
    for (let i = 1; i <= 8; i++) expect((await signIn({ email: u.email, password: "wrong wrong wrong" }, at(ip))).ok).toBe(false);
    const counts = await rows(ctx.pool, "SELECT key, count FROM auth_throttle ORDER BY key");
    expect(counts).toEqual([
      { key: `sign-in:email:${u.email}`, count: 8 },
      { key: `sign-in:ip:${ip}`, count: 16 },
    ]);
  });

  it("per IP: 30 attempts across different emails, the 31st is refused whatever the email", async () => {
    const ip = freshIp();
    const u = await makeUser("viewer");
    for (let i = 1; i <= 30; i++) {
      const r = await signIn({ email: `guess-${i}@example.com`, password: "guessing guessing" }, at(ip));
      expect(r).toEqual({ ok: false, error: "Invalid email or password." });
    }
    const r31 = await signIn({ email: u.email, password: PASSWORD }, at(ip));
    expect(r31.ok).toBe(false);
    retryAfter(!r31.ok ? r31.error : undefined);
    expect(await sessionTokens(ctx.pool, u.id)).toEqual([]);
    // Another address is not affected.
    expect(await signIn({ email: u.email, password: PASSWORD }, at(freshIp()))).toEqual({ ok: true });
  });

  it("the window ends: once 15 minutes have passed the email may try again", async () => {
    const u = await makeUser("viewer");
    for (let i = 1; i <= 9; i++) await signIn({ email: u.email, password: "wrong wrong wrong" }, at(freshIp()));
    expect((await signIn({ email: u.email, password: PASSWORD }, at(freshIp()))).ok).toBe(false);
    await ctx.pool.query("UPDATE auth_throttle SET window_start = window_start - make_interval(secs => $1)", [WINDOW]);
    expect(await signIn({ email: u.email, password: PASSWORD }, at(freshIp()))).toEqual({ ok: true });
  });

  it("N counts down with the window", async () => {
    const email = `countdown-${Date.now()}@example.com`;
    const ip = freshIp();
    for (let i = 1; i <= 8; i++) await throttleSignIn(ctx.prisma, { ip, email });
    await ctx.pool.query("UPDATE auth_throttle SET window_start = window_start - interval '600 seconds'");
    const r = await throttleSignIn(ctx.prisma, { ip, email });
    expect(r.ok).toBe(false);
    const n = !r.ok ? r.retryAfterSeconds : 0;
    expect(n).toBeGreaterThan(WINDOW - 600 - 30);
    expect(n).toBeLessThanOrEqual(WINDOW - 600);
  });

  it("two app instances (two Prisma clients, two pools) share one count", async () => {
    const a = getDb({ connectionString: ctx.db.url });
    const b = getDb({ connectionString: ctx.db.url });
    try {
      const email = `shared-${Date.now()}@example.com`;
      const results = [];
      for (let i = 1; i <= 9; i++) {
        const prisma = i % 2 ? a.prisma : b.prisma;
        results.push(await throttleSignIn(prisma, { ip: freshIp(), email }));
      }
      expect(results.slice(0, 8).every((r) => r.ok)).toBe(true);
      expect(results[8]?.ok).toBe(false);
    } finally {
      for (const d of [a, b]) {
        await d.prisma.$disconnect();
        await d.pool.end();
      }
    }
  });

  it("a burst of 20 simultaneous attempts on two instances lets exactly 8 through", async () => {
    const a = getDb({ connectionString: ctx.db.url });
    const b = getDb({ connectionString: ctx.db.url });
    try {
      const email = `burst-${Date.now()}@example.com`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => throttleSignIn(i % 2 ? a.prisma : b.prisma, { ip: freshIp(), email })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(8);
      expect(await rows(ctx.pool, "SELECT count FROM auth_throttle WHERE key = $1", [`sign-in:email:${email}`])).toEqual([{ count: 20 }]);
    } finally {
      for (const d of [a, b]) {
        await d.prisma.$disconnect();
        await d.pool.end();
      }
    }
  });
});
