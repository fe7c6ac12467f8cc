import type { Prisma } from "@/lib/generated/prisma/client.ts";

// Role changes and removals take this transaction-scoped lock first, so two admins demoting each
// other at once cannot both pass the "another admin remains" check.
const USERS_LOCK_KEY = 7_347_001;

export async function lockUsers(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${USERS_LOCK_KEY})::text`;
}
