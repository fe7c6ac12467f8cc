import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

/** Users screen: a small list (admins and viewers), newest first, with their active session count. */
export async function listUsers(prisma: PrismaClient) {
  const users = await prisma.user.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      _count: { select: { sessions: { where: { expiresAt: { gt: new Date() } } } } },
    },
  });
  return users.map(({ _count, ...u }) => ({ ...u, activeSessions: _count.sessions }));
}
