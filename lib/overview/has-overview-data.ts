import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

/** Whether anything ever reached the webhook (an event or a refused delivery): false → the overview's first-run explanation. */
export async function hasOverviewData(prisma: PrismaClient): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ any: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM webhook_event) OR EXISTS (SELECT 1 FROM webhook_delivery) AS any`;
  return row?.any ?? false;
}
