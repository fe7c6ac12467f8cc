import "server-only";
import { type AuditActor, recordAudit } from "@/lib/audit/record-audit.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { lockUsers } from "./users-lock.ts";

/** Removes a user (their sessions and credentials go with them), audited in the same transaction. */
export async function removeUser(prisma: PrismaClient, userId: string, actor: AuditActor, ip?: string | null) {
  if (actor?.id === userId) throw new AppError(ErrorCode.CONFLICT, "You cannot remove yourself; ask another admin");
  return prisma.$transaction(async (tx) => {
    await lockUsers(tx);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError(ErrorCode.NOT_FOUND, `User ${userId} does not exist`);
    if (user.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new AppError(ErrorCode.LAST_ADMIN, `${user.email} is the last admin and cannot be removed`);
    }
    await tx.user.delete({ where: { id: userId } });
    await recordAudit(tx, {
      actor,
      action: "user.remove",
      targetType: "user",
      targetId: userId,
      before: { email: user.email, name: user.name, role: user.role },
      ip,
    });
  });
}
