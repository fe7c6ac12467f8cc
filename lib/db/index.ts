import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { type LedgerPool, createPool } from "./pool.ts";

export type Db = { prisma: PrismaClient; pool: LedgerPool };

/** A Prisma client and the pg pool behind it; tests, scripts and bench point it at another database. */
export function getDb({ connectionString }: { connectionString: string }): Db {
  const pool = createPool(connectionString);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma, pool };
}

// One pool per process, kept across dev hot reloads (a new pool per reload would exhaust connections).
const globalForDb = globalThis as unknown as { ledgerDb?: Db };

export function db(): Db {
  if (!globalForDb.ledgerDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm start sets it in embedded mode)");
    globalForDb.ledgerDb = getDb({ connectionString: url });
  }
  return globalForDb.ledgerDb;
}
