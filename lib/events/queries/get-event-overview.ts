import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

/** Home page: event counts per type (with failed/ignored counts) and the latest events. */
export async function getEventOverview(prisma: PrismaClient, latest = 20) {
  const [byType, recent, rejectedDeliveries] = await Promise.all([
    prisma.webhookEvent.groupBy({ by: ["type", "status"], _count: { _all: true } }),
    prisma.webhookEvent.findMany({
      orderBy: { receivedAt: "desc" },
      take: latest,
      select: { id: true, externalId: true, type: true, status: true, error: true, occurredAt: true, receivedAt: true },
    }),
    prisma.webhookDelivery.count({ where: { outcome: "rejected" } }),
  ]);
  const counts = new Map<string, { type: string; total: number; failed: number; ignored: number }>();
  for (const g of byType) {
    const row = counts.get(g.type) ?? { type: g.type, total: 0, failed: 0, ignored: 0 };
    row.total += g._count._all;
    if (g.status === "failed") row.failed += g._count._all;
    if (g.status === "ignored") row.ignored += g._count._all;
    counts.set(g.type, row);
  }
  return {
    types: [...counts.values()].sort((a, b) => b.total - a.total),
    recent,
    rejectedDeliveries,
  };
}
