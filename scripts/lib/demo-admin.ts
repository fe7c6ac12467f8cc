// Embedded mode: on a database without users, a demo admin is created and its credentials kept in
// <dataDir>/demo-admin (mode 0600) so every start can print them. Never in DATABASE_URL mode.
import { randomBytes } from "node:crypto";
import { verifyPassword } from "better-auth/crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getDb } from "@/lib/db/index.ts";
import { createUser } from "@/lib/users/create-user.ts";

export const DEMO_ADMIN_EMAIL = "admin@ledger.local";

export async function ensureDemoAdmin(databaseUrl: string, dataDir: string): Promise<{ email: string; password: string } | null> {
  const file = path.join(dataDir, "demo-admin");
  const { prisma, pool } = getDb({ connectionString: databaseUrl });
  try {
    if ((await prisma.user.count()) === 0) {
      const password = randomBytes(12).toString("base64url");
      await createUser(prisma, { email: DEMO_ADMIN_EMAIL, name: "Demo Admin", role: "admin", password }, { id: "npm-start", email: "npm start (embedded demo)" });
      writeFileSync(file, JSON.stringify({ email: DEMO_ADMIN_EMAIL, password }) + "\n", { mode: 0o600 });
    }
    if (!existsSync(file)) return null;
    const creds = JSON.parse(readFileSync(file, "utf8")) as { email: string; password: string };
    // Only print what still works: the user may have been removed, or changed the password, since.
    const account = await prisma.account.findFirst({ where: { providerId: "credential", user: { email: creds.email } }, select: { password: true } });
    return account?.password && (await verifyPassword({ hash: account.password, password: creds.password })) ? creds : null;
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}
