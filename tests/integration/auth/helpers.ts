// Shared setup for the auth integration tests: one migrated test database per file, wired into the
// app's own singletons (db() and auth() read DATABASE_URL / LEDGER_AUTH_SECRET / LEDGER_URL at first
// use), users made with the real createUser, and real session cookies issued by better-auth.
//
// Test files mock `next/headers` with ./next-headers-mock.ts (and `next/cache` with no-ops); nothing
// else is mocked: the database, better-auth, password hashing and the server actions are the real ones.
import type { LedgerPool } from "@/lib/db/pool.ts";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, expect } from "vitest";
import { auth } from "@/lib/auth/auth.ts";
import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip.ts";
import type { Role } from "@/lib/auth/roles.ts";
import { type Db, db } from "@/lib/db/index.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { TEST_AUTH_SECRET } from "../../helpers/next-server.ts";

/** The public base URL auth() is configured with (origin checks, cookie names without __Secure-). */
export const BASE_URL = "http://127.0.0.1:3999";
export const PASSWORD = "correct horse battery staple";
export const CLIENT_IP = "203.0.113.10";
export const SETUP_ACTOR = { id: "test-setup", email: "setup@test.invalid" };

export type AuthDb = { db: TestDatabase; pool: LedgerPool; prisma: PrismaClient };

type Globals = { ledgerDb?: Db; ledgerAuth?: unknown };

async function resetSingletons(): Promise<void> {
  const g = globalThis as Globals;
  const open = g.ledgerDb;
  delete g.ledgerDb;
  delete g.ledgerAuth;
  if (open) {
    await open.prisma.$disconnect();
    await open.pool.end();
  }
}

/** A fresh migrated database for this file, behind the app's db() and auth() singletons. */
export function useAuthDatabase(): AuthDb {
  const ctx = {} as AuthDb;
  beforeAll(async () => {
    await resetSingletons();
    ctx.db = await createTestDatabase();
    process.env.DATABASE_URL = ctx.db.url;
    process.env.LEDGER_AUTH_SECRET = TEST_AUTH_SECRET;
    process.env.LEDGER_URL = BASE_URL;
    delete process.env.LEDGER_TRUSTED_PROXIES;
    // next.config.ts sets experimental.authInterrupts; outside `next build` forbidden() needs this.
    process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
    const d = db();
    ctx.pool = d.pool;
    ctx.prisma = d.prisma;
  });
  afterAll(async () => {
    await resetSingletons();
    delete process.env.DATABASE_URL;
    await ctx.db?.drop();
  });
  return ctx;
}

let seq = 0;

export type TestUser = { id: string; email: string; name: string; role: string; password: string };

/** A user made the way admins and the CLI make them (lib/users/create-user.ts). */
export async function makeUser(role: Role, opts: { email?: string; password?: string; name?: string } = {}): Promise<TestUser> {
  seq += 1;
  const email = opts.email ?? `${role}-${seq}-${randomBytes(3).toString("hex")}@example.com`;
  const password = opts.password ?? PASSWORD;
  const user = await createUser(db().prisma, { email, name: opts.name ?? `${role} ${seq}`, role, password }, SETUP_ACTOR);
  return { id: user.id, email: user.email, name: user.name, role: user.role, password };
}

export type Session = { headers: Headers; token: string; cookie: string };

/** Signs in through better-auth (no throttle) and returns the request headers a browser would send. */
export async function signInAs(user: { email: string; password: string }, ip = CLIENT_IP): Promise<Session> {
  const res = await auth().api.signInEmail({
    body: { email: user.email, password: user.password },
    headers: new Headers({ [CLIENT_IP_HEADER]: ip }),
    returnHeaders: true,
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  expect(cookie).toMatch(/session_token=/);
  return { headers: requestHeaders({ cookie, ip }), token: res.response.token, cookie };
}

/** Request headers as scripts/server.ts hands them to Next: client IP set, same-origin. */
export function requestHeaders(opts: { cookie?: string; ip?: string } = {}): Headers {
  const h = new Headers({ [CLIENT_IP_HEADER]: opts.ip ?? CLIENT_IP, origin: BASE_URL, host: new URL(BASE_URL).host });
  if (opts.cookie) h.set("cookie", opts.cookie);
  return h;
}

/** Where a redirect() thrown by Next points, or null when `err` is not a redirect. */
export function redirectTarget(err: unknown): string | null {
  const digest = (err as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT;")) return null;
  return digest.split(";").slice(2, -2).join(";");
}

/** The HTTP status an auth interrupt (forbidden(), unauthorized(), notFound()) stands for, else null. */
export function accessFallbackStatus(err: unknown): number | null {
  const digest = (err as { digest?: unknown } | null)?.digest;
  const m = typeof digest === "string" ? /^NEXT_HTTP_ERROR_FALLBACK;(\d+)$/.exec(digest) : null;
  return m ? Number(m[1]) : null;
}

/** Runs `fn`, returning what it threw (or fails the test when it does not throw). */
export async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected it to throw");
}

export function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

export async function rows<T = Record<string, unknown>>(pool: pg.Pool, sql: string, values: unknown[] = []): Promise<T[]> {
  return (await pool.query(sql, values)).rows as T[];
}

/** Everything an auth action could change, to prove a refused one changed nothing. */
export async function authState(pool: pg.Pool) {
  return {
    users: await rows(pool, "SELECT id, email, name, role, updated_at FROM app_user ORDER BY id"),
    accounts: await rows(pool, "SELECT id, user_id, password, updated_at FROM auth_account ORDER BY id"),
    sessions: await rows(pool, "SELECT token, user_id, expires_at FROM auth_session ORDER BY token"),
    audit: await rows(pool, "SELECT id, action, actor_id, target_id FROM audit_log ORDER BY id"),
    fulfilments: await rows(pool, "SELECT id::text, review_status::text, sync_state::text FROM fulfilment ORDER BY id"),
    commands: await rows(pool, "SELECT id::text, state::text, settled_at FROM fp_command ORDER BY id"),
  };
}

export const sessionTokens = async (pool: pg.Pool, userId: string) =>
  (await rows<{ token: string }>(pool, "SELECT token FROM auth_session WHERE user_id = $1 ORDER BY token", [userId])).map((r) => r.token);
