// User management against a real database: the last admin cannot be demoted or removed (also when
// two admins act at once, from two app instances), and a role change or removal ends the user's
// sessions at once. Each test starts from an empty user table.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-headers-mock.ts"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { changeRoleAction, removeUserAction } from "@/app/(dashboard)/users/_lib/actions.ts";
import { getSessionUser } from "@/lib/auth/require-user.ts";
import { getDb } from "@/lib/db/index.ts";
import { AppError } from "@/lib/errors.ts";
import { changeRole } from "@/lib/users/change-role.ts";
import { removeUser } from "@/lib/users/remove-user.ts";
import { authState, makeUser, requestHeaders, rows, sessionTokens, signInAs, useAuthDatabase } from "./helpers.ts";
import { setRequestHeaders } from "./next-headers-mock.ts";

const ctx = useAuthDatabase();

beforeEach(async () => {
  // audit_log is append-only, so it keeps earlier tests' rows; users (and, by cascade, sessions) go.
  await ctx.pool.query("DELETE FROM app_user");
  await ctx.pool.query("DELETE FROM auth_throttle");
  setRequestHeaders(requestHeaders());
});

const admins = async () => (await rows<{ email: string }>(ctx.pool, "SELECT email FROM app_user WHERE role = 'admin' ORDER BY email")).map((r) => r.email);
const actorOf = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("the last admin", () => {
  it("cannot be demoted (lib and action), and nothing changes", async () => {
    const only = await makeUser("admin");
    await makeUser("viewer");
    const err = await rejection(changeRole(ctx.prisma, only.id, "viewer", actorOf(only)));
    expect(err.code).toBe("last_admin");
    expect(err.message).toBe(`${only.email} is the last admin and cannot be demoted`);

    const s = await signInAs(only);
    setRequestHeaders(s.headers);
    const before = await authState(ctx.pool);
    expect(await changeRoleAction(only.id, "viewer")).toEqual({ ok: false, error: `${only.email} is the last admin and cannot be demoted` });
    expect(await authState(ctx.pool)).toEqual(before);
    expect(await admins()).toEqual([only.email]);
  });

  it("cannot be removed, by another user's hand or by itself", async () => {
    const only = await makeUser("admin");
    // The CLI's actor is not a user: it is the only way to attempt removing the last admin by someone else.
    const err = await rejection(removeUser(ctx.prisma, only.id, { id: "cli", email: "cli" }));
    expect(err.code).toBe("last_admin");
    expect(err.message).toBe(`${only.email} is the last admin and cannot be removed`);

    const self = await rejection(removeUser(ctx.prisma, only.id, actorOf(only)));
    expect(self.message).toBe("You cannot remove yourself; ask another admin");

    setRequestHeaders((await signInAs(only)).headers);
    const before = await authState(ctx.pool);
    expect(await removeUserAction(only.id)).toEqual({ ok: false, error: "You cannot remove yourself; ask another admin" });
    expect(await authState(ctx.pool)).toEqual(before);
  });

  it("with two admins one may be demoted, then the other is the last", async () => {
    const a = await makeUser("admin");
    const b = await makeUser("admin");
    await changeRole(ctx.prisma, a.id, "viewer", actorOf(b));
    expect(await admins()).toEqual([b.email]);
    expect((await rejection(changeRole(ctx.prisma, b.id, "viewer", actorOf(b)))).code).toBe("last_admin");
    expect((await rejection(removeUser(ctx.prisma, b.id, actorOf(a)))).code).toBe("last_admin");
  });

  // Two admins demote each other at the same moment from two app instances (two Prisma clients,
  // two pools): without a lock both would see "another admin remains" and the app would have none.
  it.each([
    ["demote each other", "demote", "demote"],
    ["remove each other", "remove", "remove"],
    ["one demotes, the other removes", "demote", "remove"],
  ] as const)("two concurrent requests that would leave no admin (%s): exactly one succeeds", async (_label, opA, opB) => {
    const instanceA = getDb({ connectionString: ctx.db.url });
    const instanceB = getDb({ connectionString: ctx.db.url });
    try {
      for (let round = 0; round < 3; round++) {
        await ctx.pool.query("DELETE FROM app_user");
        const a = await makeUser("admin");
        const b = await makeUser("admin");
        await makeUser("viewer");
        const run = (op: "demote" | "remove", prisma: typeof ctx.prisma, target: typeof a, actor: typeof a) =>
          op === "demote" ? changeRole(prisma, target.id, "viewer", actorOf(actor)) : removeUser(prisma, target.id, actorOf(actor));
        // A demotes B while B demotes A.
        const results = await Promise.allSettled([run(opA, instanceA.prisma, b, a), run(opB, instanceB.prisma, a, b)]);
        const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(failed).toHaveLength(1);
        expect((failed[0]?.reason as AppError).code).toBe("last_admin");
        expect(await admins()).toHaveLength(1);
        const changes = await rows(ctx.pool, "SELECT action FROM audit_log WHERE target_id IN ($1, $2) AND action IN ('user.role_change', 'user.remove')", [a.id, b.id]);
        expect(changes).toHaveLength(1);
      }
    } finally {
      for (const i of [instanceA, instanceB]) {
        await i.prisma.$disconnect();
        await i.pool.end();
      }
    }
  });
});

describe("role change and removal end the user's sessions", () => {
  it("promoting a viewer deletes all their sessions: their old cookie is anonymous at once", async () => {
    const admin = await makeUser("admin");
    const viewer = await makeUser("viewer");
    const bystander = await makeUser("viewer");
    const laptop = await signInAs(viewer);
    await signInAs(viewer);
    const other = await signInAs(bystander);
    expect(await sessionTokens(ctx.pool, viewer.id)).toHaveLength(2);

    setRequestHeaders((await signInAs(admin)).headers);
    expect(await changeRoleAction(viewer.id, "admin")).toMatchObject({ ok: true });
    expect(await sessionTokens(ctx.pool, viewer.id)).toEqual([]);
    expect(await sessionTokens(ctx.pool, bystander.id)).toEqual([other.token]);
    setRequestHeaders(laptop.headers);
    expect(await getSessionUser()).toBeNull();
    // Signing in again yields the new role.
    setRequestHeaders((await signInAs(viewer)).headers);
    expect(await getSessionUser()).toMatchObject({ id: viewer.id, role: "admin" });
  });

  it("demoting an admin ends their sessions: a demoted admin's open tab cannot act as admin", async () => {
    const keeper = await makeUser("admin");
    const demoted = await makeUser("admin");
    const demotedSession = await signInAs(demoted);
    setRequestHeaders((await signInAs(keeper)).headers);
    expect(await changeRoleAction(demoted.id, "viewer")).toMatchObject({ ok: true });
    expect(await sessionTokens(ctx.pool, demoted.id)).toEqual([]);
    setRequestHeaders(demotedSession.headers);
    expect(await changeRoleAction(keeper.id, "viewer")).toEqual({ ok: false, error: "Your session has ended; sign in again" });
    expect(await admins()).toEqual([keeper.email]);
  });

  it("setting the same role again changes nothing and ends no session", async () => {
    const admin = await makeUser("admin");
    const viewer = await makeUser("viewer");
    const s = await signInAs(viewer);
    setRequestHeaders((await signInAs(admin)).headers);
    const before = await authState(ctx.pool);
    expect(await changeRoleAction(viewer.id, "viewer")).toMatchObject({ ok: true });
    expect(await authState(ctx.pool)).toEqual(before);
    expect(await sessionTokens(ctx.pool, viewer.id)).toEqual([s.token]);
  });

  it("removing a user deletes their sessions and credentials; their cookie is anonymous at once", async () => {
    const admin = await makeUser("admin");
    const gone = await makeUser("viewer");
    const s = await signInAs(gone);
    setRequestHeaders((await signInAs(admin)).headers);
    expect(await removeUserAction(gone.id)).toEqual({ ok: true, message: "User removed." });
    expect(await sessionTokens(ctx.pool, gone.id)).toEqual([]);
    expect(await rows(ctx.pool, "SELECT id FROM auth_account WHERE user_id = $1", [gone.id])).toEqual([]);
    setRequestHeaders(s.headers);
    expect(await getSessionUser()).toBeNull();
  });
});
