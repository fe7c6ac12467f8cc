// The audit log against a real database: every user change writes exactly one row (who, what, which
// record, before/after, IP) in the change's own transaction — when the audit insert fails, the change
// is rolled back — and the table refuses UPDATE, DELETE and TRUNCATE.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-headers-mock.ts"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { changeRoleAction, createUserAction, removeUserAction } from "@/app/(dashboard)/users/_lib/actions.ts";
import { changeRole } from "@/lib/users/change-role.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { removeUser } from "@/lib/users/remove-user.ts";
import { authState, CLIENT_IP, form, makeUser, rows, sessionTokens, signInAs, type TestUser, useAuthDatabase } from "./helpers.ts";
import { setRequestHeaders } from "./next-headers-mock.ts";

const ctx = useAuthDatabase();

// A test-only trigger that makes the audit insert fail for chosen actions (and targets): the change
// before it in the same transaction must then be rolled back too.
beforeAll(async () => {
  await ctx.pool.query(`
    CREATE TABLE test_audit_fail (action text NOT NULL, target_id text);
    CREATE FUNCTION test_audit_fail() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM test_audit_fail f WHERE f.action = NEW.action AND (f.target_id IS NULL OR f.target_id = NEW.target_id)) THEN
        RAISE EXCEPTION 'test: audit insert for % refused', NEW.action;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_audit_fail BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_audit_fail();`);
});
afterEach(() => ctx.pool.query("DELETE FROM test_audit_fail"));

const failAudit = (action: string, targetId?: string) => ctx.pool.query("INSERT INTO test_audit_fail VALUES ($1, $2)", [action, targetId ?? null]);
const auditCount = async () => Number((await rows<{ n: string }>(ctx.pool, "SELECT count(*) AS n FROM audit_log"))[0]?.n);
const newRows = (sinceId: string) =>
  rows(ctx.pool, "SELECT actor_id, actor_email, action, target_type, target_id, before, after, ip FROM audit_log WHERE id > $1 ORDER BY id", [sinceId]);
const lastId = async () => (await rows<{ id: string }>(ctx.pool, "SELECT coalesce(max(id), 0)::text AS id FROM audit_log"))[0]?.id as string;

let admin: TestUser;
async function signInAdmin() {
  admin ??= await makeUser("admin");
  setRequestHeaders((await signInAs(admin)).headers);
}

describe("audit rows are written in the change's transaction", () => {
  it("createUser whose audit insert fails leaves no user and no credentials", async () => {
    await failAudit("user.create");
    const email = `atomic-create-${Date.now()}@example.com`;
    const before = await authState(ctx.pool);
    await expect(createUser(ctx.prisma, { email, name: "Atomic", role: "viewer", password: "atomic atomic 123" }, null)).rejects.toThrow(
      /audit insert for user.create refused/,
    );
    expect(await rows(ctx.pool, "SELECT id FROM app_user WHERE email = $1", [email])).toEqual([]);
    expect(await authState(ctx.pool)).toEqual(before);
  });

  it("the same through the admin's server action: a generic error and no user", async () => {
    await signInAdmin();
    await failAudit("user.create");
    const email = `atomic-action-${Date.now()}@example.com`;
    const before = await authState(ctx.pool);
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const result = await createUserAction(null, form({ email, name: "Atomic", role: "viewer", password: "atomic atomic 123" }));
      expect(result).toEqual({ ok: false, error: "Something went wrong; the server log has the details." });
    } finally {
      spy.mockRestore();
    }
    expect(await authState(ctx.pool)).toEqual(before);
  });

  it("changeRole whose audit insert fails keeps the old role and the user's sessions", async () => {
    const keeper = await makeUser("admin");
    const target = await makeUser("viewer");
    const s = await signInAs(target);
    await failAudit("user.role_change", target.id);
    const before = await authState(ctx.pool);
    await expect(changeRole(ctx.prisma, target.id, "admin", { id: keeper.id, email: keeper.email })).rejects.toThrow(/refused/);
    expect(await authState(ctx.pool)).toEqual(before);
    expect(await sessionTokens(ctx.pool, target.id)).toEqual([s.token]);
  });

  it("removeUser whose audit insert fails keeps the user, credentials and sessions", async () => {
    const keeper = await makeUser("admin");
    const target = await makeUser("viewer");
    await signInAs(target);
    await failAudit("user.remove", target.id);
    const before = await authState(ctx.pool);
    await expect(removeUser(ctx.prisma, target.id, { id: keeper.id, email: keeper.email })).rejects.toThrow(/refused/);
    expect(await authState(ctx.pool)).toEqual(before);
  });
});

describe("every change writes exactly one audit row with before/after", () => {
  it("create, change role, remove: one row each with actor, target, before, after and IP", async () => {
    await signInAdmin();
    const email = `audited-${Date.now()}@example.com`;
    const start = await lastId();

    expect(await createUserAction(null, form({ email, name: "Audited Person", role: "viewer", password: "audited audited 1" }))).toMatchObject({ ok: true });
    const id = (await rows<{ id: string }>(ctx.pool, "SELECT id FROM app_user WHERE email = $1", [email]))[0]?.id as string;
    expect(await changeRoleAction(id, "admin")).toMatchObject({ ok: true });
    expect(await changeRoleAction(id, "viewer")).toMatchObject({ ok: true });
    expect(await removeUserAction(id)).toMatchObject({ ok: true });

    const actor = { actor_id: admin.id, actor_email: admin.email, target_type: "user", target_id: id, ip: CLIENT_IP };
    expect(await newRows(start)).toEqual([
      { ...actor, action: "user.create", before: null, after: { email, name: "Audited Person", role: "viewer" } },
      { ...actor, action: "user.role_change", before: { email, role: "viewer" }, after: { email, role: "admin" } },
      { ...actor, action: "user.role_change", before: { email, role: "admin" }, after: { email, role: "viewer" } },
      { ...actor, action: "user.remove", before: { email, name: "Audited Person", role: "viewer" }, after: null },
    ]);
  });

  it("refused or no-op changes write no row", async () => {
    await signInAdmin();
    const viewer = await makeUser("viewer");
    const start = await auditCount();
    expect(await changeRoleAction(viewer.id, "viewer")).toMatchObject({ ok: true }); // already viewer
    expect(await changeRoleAction("missing-user", "admin")).toMatchObject({ ok: false });
    expect(await removeUserAction(admin.id)).toMatchObject({ ok: false }); // yourself
    expect(await createUserAction(null, form({ email: "not-an-email", name: "X", role: "viewer", password: "long enough pass" }))).toMatchObject({ ok: false });
    expect(await auditCount()).toBe(start);
  });

  it("the CLI's user creation is recorded with the CLI as actor", async () => {
    const start = await lastId();
    const u = await createUser(ctx.prisma, { email: `cli-${Date.now()}@example.com`, name: "From CLI", role: "admin", password: "from the cli 123" }, { id: "cli", email: "cli" });
    expect(await newRows(start)).toEqual([
      { actor_id: "cli", actor_email: "cli", action: "user.create", target_type: "user", target_id: u.id, before: null, after: { email: u.email, name: "From CLI", role: "admin" }, ip: null },
    ]);
  });
});

describe("audit_log is append-only", () => {
  it.each([
    ["UPDATE", "UPDATE audit_log SET action = 'tampered'"],
    ["DELETE", "DELETE FROM audit_log"],
    ["TRUNCATE", "TRUNCATE audit_log"],
  ])("%s is refused and changes nothing", async (op, sql) => {
    await makeUser("viewer");
    const before = await rows(ctx.pool, "SELECT * FROM audit_log ORDER BY id");
    expect(before.length).toBeGreaterThan(0);
    await expect(ctx.pool.query(sql)).rejects.toMatchObject({ code: "42501", message: `audit_log is append-only (${op} refused)` });
    expect(await rows(ctx.pool, "SELECT * FROM audit_log ORDER BY id")).toEqual(before);
  });

  it("Prisma updates and deletes are refused too", async () => {
    const count = await auditCount();
    await expect(ctx.prisma.auditLog.updateMany({ data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(ctx.prisma.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await auditCount()).toBe(count);
    expect(await rows(ctx.pool, "SELECT id FROM audit_log WHERE action = 'tampered'")).toEqual([]);
  });
});
