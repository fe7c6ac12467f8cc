// `npm run db:migrate`: applies the committed migrations in prisma/migrations to DATABASE_URL.
// The Prisma CLI cannot do this offline (it exits 0 having done nothing); see lib/db/migrate.ts.
import { backfillVersionKeys } from "../lib/db/backfill-version-keys.ts";
import { getDb } from "../lib/db/index.ts";
import { migrate } from "../lib/db/migrate.ts";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: export DATABASE_URL=postgresql://user@host:5432/db and run again");
  }
  const applied = await migrate(url, { log: (msg) => console.log(`[db:migrate] ${msg}`) });
  // An upgrade from before v2 support rewrites stored version keys; servers do it in the background
  // too, but here it runs to the end, with its progress shown.
  const { prisma, pool } = getDb({ connectionString: url });
  try {
    await backfillVersionKeys(pool, { log: (msg) => console.log(`[db:migrate] ${msg}`) });
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
  console.log(
    applied.length === 0
      ? `[db:migrate] ${redact(url)} is up to date`
      : `[db:migrate] ${redact(url)}: applied ${applied.length} migration(s)`,
  );
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[db:migrate] failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
