// Role checks for every server action, as a table: each one tried as anonymous, viewer and admin
// against a real database with real better-auth sessions. Refusals must leave every auth-relevant
// table exactly as it was (users, credentials, sessions, audit log, fulfilment reviews); allowed
// calls must make their change. A guard test fails when a server action is added without a row here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-headers-mock.ts"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { signInAction } from "@/app/(auth)/sign-in/actions.ts";
import { signOutAction } from "@/app/(dashboard)/_lib/actions.ts";
import { changePasswordAction } from "@/app/(dashboard)/account/actions.ts";
import {
  markUnfulfilledAction,
  retrySendAction,
  reviewFulfilmentsAction,
  settleAction,
  undoReviewAction,
} from "@/app/(dashboard)/fulfilments/_lib/actions.ts";
import { reconcileAction, sendNotConnectedAction, testConnectionAction } from "@/app/(dashboard)/settings/_lib/actions.ts";
import { changeRoleAction, createUserAction, removeUserAction } from "@/app/(dashboard)/users/_lib/actions.ts";
import { fixture, post } from "../webhook/helpers.ts";
import {
  authState,
  form,
  makeUser,
  PASSWORD,
  redirectTarget,
  requestHeaders,
  rows,
  sessionTokens,
  signInAs,
  type TestUser,
  useAuthDatabase,
} from "./helpers.ts";
import { setRequestHeaders } from "./next-headers-mock.ts";

const ctx = useAuthDatabase();

// A configured FirstPromoter API (never called: no worker runs here), so the sync actions can act.
process.env.FIRSTPROMOTER_API_KEY = "role-check-key";
process.env.FIRSTPROMOTER_ACCOUNT_ID = "acc-1";
process.env.FIRSTPROMOTER_API_URL = "http://127.0.0.1:9/api/v2/company";
process.env.FIRSTPROMOTER_SEND_DELAY_S = "30";

type Who = "anonymous" | "viewer" | "admin";
const WHO: Who[] = ["anonymous", "viewer", "admin"];

const UNAUTHENTICATED = { ok: false, error: "Your session has ended; sign in again" };
const FORBIDDEN = { ok: false, error: "Your role does not allow this" };

/** A fresh acting user (and their session) per case, so cases never share state. */
async function actAs(who: Who): Promise<{ user: TestUser | null; token: string | null }> {
  if (who === "anonymous") {
    setRequestHeaders(requestHeaders());
    return { user: null, token: null };
  }
  const user = await makeUser(who);
  const s = await signInAs(user);
  setRequestHeaders(s.headers);
  return { user, token: s.token };
}

let fulfilmentId = 7_100_000;
async function pendingFulfilment(): Promise<string> {
  const body = fixture("fulfilment_pending");
  fulfilmentId += 1;
  body.event.id = fulfilmentId + 50_000_000;
  body.data.id = fulfilmentId;
  const res = await post(ctx.pool, body);
  expect(res.status).toBe(202);
  return String(fulfilmentId);
}

/** A pending fulfilment approved by the test itself, its command then set to `state` (its undo window over). */
async function decidedFulfilment(state: "scheduled" | "failed" | "confirmed"): Promise<string> {
  const id = await pendingFulfilment();
  await ctx.pool.query(
    `WITH c AS (INSERT INTO fp_command (fulfilment_id, kind, state, step, attempts) VALUES ($1, 'mark_fulfilled', $2::command_state, 'mark_fulfilled', 1) RETURNING id)
     UPDATE fulfilment SET review_status = 'approved', command_id = (SELECT id FROM c), sync_state = $3::sync_state WHERE id = $1`,
    [id, state, state === "scheduled" ? "sent" : state],
  );
  return id;
}
const syncRow = async (id: string) => (await rows(ctx.pool, "SELECT review_status::text, sync_state::text FROM fulfilment WHERE id = $1", [id]))[0];

const userRow = async (id: string) => (await rows(ctx.pool, "SELECT email, role FROM app_user WHERE id = $1", [id]))[0];
const auditFor = (targetId: string, action: string) =>
  rows(ctx.pool, "SELECT actor_id, before, after FROM audit_log WHERE target_id = $1 AND action = $2", [targetId, action]);

/**
 * One row per server action: how to set it up, call it, what each role must get, and what the
 * allowed call must have changed. `allowed` lists the roles that may run it.
 */
type Case = {
  setup(): Promise<Record<string, string>>;
  call(fx: Record<string, string>): Promise<unknown>;
  allowed: Who[];
  /** For actions that answer by redirecting (sign-in/out): where anonymous callers end up. */
  refusedBy?: "result" | "redirect";
  verifyAllowed(fx: Record<string, string>, actor: { user: TestUser | null; token: string | null }, result: unknown): Promise<void>;
};

const TABLE: Record<string, Case> = {
  createUserAction: {
    allowed: ["admin"],
    setup: async () => ({ email: `new-${fulfilmentId++}@example.com` }),
    call: (fx) => createUserAction(null, form({ email: fx.email as string, name: "New Person", role: "admin", password: "initial password 123" })),
    async verifyAllowed(fx, actor, result) {
      expect(result).toEqual({ ok: true, message: `Created ${fx.email} (admin).` });
      const created = await rows<{ id: string; role: string }>(ctx.pool, "SELECT id, role FROM app_user WHERE email = $1", [fx.email]);
      expect(created).toEqual([{ id: expect.any(String), role: "admin" }]);
      expect(await auditFor((created[0] as { id: string }).id, "user.create")).toEqual([
        { actor_id: actor.user?.id, before: null, after: { email: fx.email, name: "New Person", role: "admin" } },
      ]);
    },
  },
  changeRoleAction: {
    allowed: ["admin"],
    async setup() {
      const target = await makeUser("viewer");
      const s = await signInAs(target);
      return { id: target.id, email: target.email, token: s.token };
    },
    call: (fx) => changeRoleAction(fx.id as string, "admin"),
    async verifyAllowed(fx, actor, result) {
      expect(result).toEqual({ ok: true, message: `${fx.email} is now admin; their sessions were ended.` });
      expect(await userRow(fx.id as string)).toEqual({ email: fx.email, role: "admin" });
      expect(await sessionTokens(ctx.pool, fx.id as string)).toEqual([]);
      expect(await auditFor(fx.id as string, "user.role_change")).toEqual([
        { actor_id: actor.user?.id, before: { email: fx.email, role: "viewer" }, after: { email: fx.email, role: "admin" } },
      ]);
    },
  },
  removeUserAction: {
    allowed: ["admin"],
    async setup() {
      const target = await makeUser("viewer");
      await signInAs(target);
      return { id: target.id, email: target.email };
    },
    call: (fx) => removeUserAction(fx.id as string),
    async verifyAllowed(fx, actor, result) {
      expect(result).toEqual({ ok: true, message: "User removed." });
      expect(await userRow(fx.id as string)).toBeUndefined();
      expect(await sessionTokens(ctx.pool, fx.id as string)).toEqual([]);
      expect(await rows(ctx.pool, "SELECT id FROM auth_account WHERE user_id = $1", [fx.id])).toEqual([]);
      expect(await auditFor(fx.id as string, "user.remove")).toEqual([
        { actor_id: actor.user?.id, before: { email: fx.email, name: expect.any(String), role: "viewer" }, after: null },
      ]);
    },
  },
  reviewFulfilmentsAction: {
    allowed: ["admin"],
    setup: async () => ({ id: await pendingFulfilment() }),
    call: (fx) => reviewFulfilmentsAction({ ids: [fx.id as string], decision: "approved" }),
    async verifyAllowed(fx, _actor, result) {
      expect(result).toMatchObject({ ok: true, message: "Approved 1 fulfilment. Ledger tells FirstPromoter to mark it fulfilled when the undo window ends." });
      expect((result as { undo: { ids: string[] } }).undo.ids).toEqual([fx.id]);
      expect(await syncRow(fx.id as string)).toEqual({ review_status: "approved", sync_state: "sending" });
    },
  },
  undoReviewAction: {
    allowed: ["admin"],
    async setup() {
      const id = await pendingFulfilment();
      await actAs("admin");
      await reviewFulfilmentsAction({ ids: [id], decision: "approved" });
      return { id };
    },
    call: (fx) => undoReviewAction({ ids: [fx.id as string] }),
    async verifyAllowed(fx, _actor, result) {
      expect(result).toMatchObject({ ok: true });
      expect(await syncRow(fx.id as string)).toEqual({ review_status: "pending", sync_state: "awaiting_review" });
      expect(await auditFor(fx.id as string, "fulfilment.undo")).toHaveLength(1);
    },
  },
  markUnfulfilledAction: {
    allowed: ["admin"],
    setup: async () => ({ id: await decidedFulfilment("confirmed") }),
    call: (fx) => markUnfulfilledAction({ id: fx.id as string }),
    async verifyAllowed(fx, _actor, result) {
      expect(result).toEqual({ ok: true, message: "Mark unfulfilled is on its way to FirstPromoter." });
      expect(await syncRow(fx.id as string)).toEqual({ review_status: "approved", sync_state: "unfulfil_scheduled" });
    },
  },
  retrySendAction: {
    allowed: ["admin"],
    setup: async () => ({ id: await decidedFulfilment("failed") }),
    call: (fx) => retrySendAction({ id: fx.id as string }),
    async verifyAllowed(fx, _actor, result) {
      expect(result).toEqual({ ok: true, message: "Retrying: a new send is on its way." });
      expect(await syncRow(fx.id as string)).toEqual({ review_status: "approved", sync_state: "sending" });
    },
  },
  settleAction: {
    allowed: ["admin"],
    setup: async () => ({ id: await decidedFulfilment("failed") }),
    call: (fx) => settleAction({ id: fx.id as string, note: "fulfilled by hand" }),
    async verifyAllowed(fx, _actor, result) {
      expect(result).toEqual({ ok: true, message: "Marked as settled in FirstPromoter." });
      expect(await syncRow(fx.id as string)).toEqual({ review_status: "approved", sync_state: "settled" });
      expect(await auditFor(fx.id as string, "fulfilment.settle")).toHaveLength(1);
    },
  },
  // Settings: the FirstPromoter API section (its URL points nowhere here: calls fail, and say so).
  testConnectionAction: {
    allowed: ["admin"],
    setup: async () => ({}),
    call: () => testConnectionAction(),
    async verifyAllowed(_fx, actor, result) {
      expect(result).toMatchObject({ ok: true, test: { ok: false, kind: "network" } });
      expect(await rows(ctx.pool, "SELECT actor_id FROM audit_log WHERE action = 'firstpromoter.test_connection' AND actor_id = $1", [actor.user?.id])).toHaveLength(1);
    },
  },
  reconcileAction: {
    allowed: ["admin"],
    setup: async () => {
      await ctx.pool.query("UPDATE fp_command SET state = 'cancelled' WHERE state = 'not_connected'");
      return {};
    },
    call: () => reconcileAction(),
    async verifyAllowed(_fx, _actor, result) {
      expect(result).toMatchObject({ ok: true, reconcile: { settled: [], remaining: [], unknown: [] } });
    },
  },
  sendNotConnectedAction: {
    allowed: ["admin"],
    async setup() {
      const id = await pendingFulfilment();
      await ctx.pool.query(
        `WITH c AS (INSERT INTO fp_command (fulfilment_id, kind, state, step) VALUES ($1, 'mark_fulfilled', 'not_connected', 'mark_fulfilled') RETURNING id)
         UPDATE fulfilment SET review_status = 'approved', command_id = (SELECT id FROM c), sync_state = 'not_connected' WHERE id = $1`,
        [id],
      );
      return { id };
    },
    call: () => sendNotConnectedAction(),
    async verifyAllowed(fx, _actor, result) {
      expect(result).toMatchObject({ ok: true });
      expect(await syncRow(fx.id as string)).toEqual({ review_status: "approved", sync_state: "sending" });
    },
  },
  // Your own password: every signed-in user may change it, anonymous may not.
  changePasswordAction: {
    allowed: ["viewer", "admin"],
    setup: async () => ({}),
    call: () => changePasswordAction(null, form({ currentPassword: PASSWORD, newPassword: "another long passphrase", confirmPassword: "another long passphrase" })),
    async verifyAllowed(_fx, actor, result) {
      expect(result).toMatchObject({ ok: true });
      const user = actor.user as TestUser;
      expect(await auditFor(user.id, "auth.password_change")).toEqual([{ actor_id: user.id, before: null, after: null }]);
      expect(await sessionTokens(ctx.pool, user.id)).not.toContain(actor.token);
    },
  },
  // Signing out: ends the caller's own session; anonymous just lands on the sign-in page.
  signOutAction: {
    allowed: ["viewer", "admin"],
    refusedBy: "redirect",
    setup: async () => ({}),
    call: () => signOutAction(),
    async verifyAllowed(_fx, actor, result) {
      expect(redirectTarget(result)).toBe("/sign-in");
      expect(await sessionTokens(ctx.pool, (actor.user as TestUser).id)).toEqual([]);
    },
  },
};

/** Calls an action; a thrown Next redirect is returned as the result (sign-in/out answer that way). */
async function invoke(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (err) {
    if (redirectTarget(err) !== null) return err;
    throw err;
  }
}

beforeEach(() => ctx.pool.query("DELETE FROM auth_throttle"));

describe.each(Object.entries(TABLE))("%s", (_name, c) => {
  it.each(WHO)("as %s", async (who) => {
    const fx = await c.setup();
    const actor = await actAs(who);
    const before = await authState(ctx.pool);
    const result = await invoke(() => c.call(fx));
    if (c.allowed.includes(who)) {
      await c.verifyAllowed(fx, actor, result);
      return;
    }
    if (c.refusedBy === "redirect") expect(redirectTarget(result)).toBe("/sign-in");
    else expect(result).toEqual(who === "anonymous" ? UNAUTHENTICATED : FORBIDDEN);
    expect(await authState(ctx.pool)).toEqual(before);
  });
});

describe("signInAction (the one public action)", () => {
  it("anonymous with the right password: a session and a redirect; with a wrong one: an error and no session", async () => {
    const u = await makeUser("viewer");
    setRequestHeaders(requestHeaders());
    const before = await authState(ctx.pool);
    const refused = await signInAction({}, form({ email: u.email, password: "wrong password here" }));
    expect(refused).toEqual({ error: "Invalid email or password.", email: u.email });
    const after = await authState(ctx.pool);
    expect(after.sessions).toEqual(before.sessions);
    expect(after.users).toEqual(before.users);

    const ok = await invoke(() => signInAction({}, form({ email: u.email, password: PASSWORD })));
    expect(redirectTarget(ok)).toBe("/");
    expect(await sessionTokens(ctx.pool, u.id)).toHaveLength(1);
  });
});

describe("a viewer's refusals hold even with forged inputs", () => {
  it("a viewer cannot promote themselves or remove an admin", async () => {
    const admin = await makeUser("admin");
    const { user } = await actAs("viewer");
    const before = await authState(ctx.pool);
    expect(await changeRoleAction((user as TestUser).id, "admin")).toEqual(FORBIDDEN);
    expect(await removeUserAction(admin.id)).toEqual(FORBIDDEN);
    expect(await createUserAction(null, form({ email: "sneaky@example.com", name: "Sneaky", role: "admin", password: "sneaky sneaky 123" }))).toEqual(FORBIDDEN);
    expect(await authState(ctx.pool)).toEqual(before);
  });

  it("an admin passing an unknown role or user id is refused without a change", async () => {
    const target = await makeUser("viewer");
    await actAs("admin");
    const before = await authState(ctx.pool);
    expect(await changeRoleAction(target.id, "superuser")).toMatchObject({ ok: false });
    expect(await changeRoleAction("no-such-user", "admin")).toEqual({ ok: false, error: "User no-such-user does not exist" });
    expect(await removeUserAction("no-such-user")).toEqual({ ok: false, error: "User no-such-user does not exist" });
    expect(await createUserAction(null, form({ email: target.email, name: "Dup", role: "viewer", password: "duplicate email 123" }))).toMatchObject({
      ok: false,
      fieldErrors: { email: `A user with the email ${target.email} already exists` },
    });
    expect(await authState(ctx.pool)).toEqual(before);
  });
});

describe("the table covers every server action", () => {
  it("every export of every 'use server' module under app/ has a row (signInAction is the public one)", () => {
    const appDir = fileURLToPath(new URL("../../../app/", import.meta.url));
    const exported: string[] = [];
    for (const rel of readdirSync(appDir, { recursive: true, encoding: "utf8" })) {
      if (!/\.(ts|tsx)$/.test(rel)) continue;
      const src = readFileSync(path.join(appDir, rel), "utf8");
      if (!/^\s*["']use server["'];?/m.test(src.split("\n").find((l) => l.trim() !== "" && !l.trim().startsWith("//")) ?? "")) continue;
      for (const m of src.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(\w+)/g)) exported.push(m[1] as string);
    }
    expect(exported.sort()).toEqual([...Object.keys(TABLE), "signInAction"].sort());
  });
});
