// Embedded mode: on a database without users, a demo admin is created and its credentials kept in
// <dataDir>/demo-admin (mode 0600) so every start can print them. Never in DATABASE_URL mode.
import { randomBytes } from "node:crypto";
import { verifyPassword } from "better-auth/crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getDb } from "@/lib/db/index.ts";
import { createUser } from "@/lib/users/create-user.ts";

export const DEMO_ADMIN_EMAIL = "admin@ledger.local";

/**
 * What became of the demo admin since it was created: still signing in with the kept password, its
 * password changed in Ledger (the kept one no longer works), removed, or never created here (the
 * database had users already, or the file was deleted).
 */
export type DemoAdmin =
  | { state: "ready"; email: string; password: string }
  | { state: "password_changed"; email: string }
  | { state: "removed"; email: string }
  | { state: "none" };

/** Creates the demo admin on a database without users, then says what became of it. */
export async function loadDemoAdmin(databaseUrl: string, dataDir: string): Promise<DemoAdmin> {
  const file = path.join(dataDir, "demo-admin");
  const { prisma, pool } = getDb({ connectionString: databaseUrl });
  try {
    if ((await prisma.user.count()) === 0) {
      const password = randomBytes(12).toString("base64url");
      await createUser(prisma, { email: DEMO_ADMIN_EMAIL, name: "Demo Admin", role: "admin", password }, { id: "npm-start", email: "npm start (embedded demo)" });
      writeFileSync(file, JSON.stringify({ email: DEMO_ADMIN_EMAIL, password }) + "\n", { mode: 0o600 });
    }
    if (!existsSync(file)) return { state: "none" };
    const creds = JSON.parse(readFileSync(file, "utf8")) as { email: string; password: string };
    const user = await prisma.user.findUnique({ where: { email: creds.email }, select: { accounts: { where: { providerId: "credential" }, select: { password: true } } } });
    if (!user) return { state: "removed", email: creds.email };
    const hash = user.accounts[0]?.password;
    if (hash && (await verifyPassword({ hash, password: creds.password }))) return { state: "ready", ...creds };
    return { state: "password_changed", email: creds.email };
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}

/** The demo admin's credentials while the kept password still works (else null: never print a dead one). */
export async function ensureDemoAdmin(databaseUrl: string, dataDir: string): Promise<{ email: string; password: string } | null> {
  const admin = await loadDemoAdmin(databaseUrl, dataDir);
  return admin.state === "ready" ? { email: admin.email, password: admin.password } : null;
}

/** The banner's sign-in lines: the credentials, or what happened to them. `file` is the kept file as shown. */
export function describeDemoAdmin(admin: DemoAdmin, file: string): string[] {
  switch (admin.state) {
    case "ready":
      return [`${admin.email} / ${admin.password}  (demo admin, kept in ${file})`];
    case "password_changed":
      return [`${admin.email}  (demo admin: its password was changed in Ledger, so the one in ${file} no longer works)`];
    case "removed":
      return [`the demo admin ${admin.email} was removed; create users with npm run user:create`];
    case "none":
      return ["no demo admin; create users with npm run user:create"];
  }
}
