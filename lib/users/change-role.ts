import "server-only";
import { type AuditActor, recordAudit } from "@/lib/audit/record-audit.ts";
import type { Role } from "@/lib/auth/roles.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { lockUsers } from "./users-lock.ts";

/**
 * Changes a user's role and ends their sessions (they sign in again under the new role), audited in
 * the same transaction. The last admin cannot be demoted.
 */
export async function changeRole(prisma: PrismaClient, userId: string, role: Role, actor: AuditActor, ip?: string | null) {
  return prisma.$transaction(async (tx) => {
    await lockUsers(tx);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError(ErrorCode.NOT_FOUND, `User ${userId} does not exist`);
    if (user.role === role) return user;
    if (user.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new AppError(ErrorCode.LAST_ADMIN, `${user.email} is the last admin and cannot be demoted`);
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      actor,
      action: "user.role_change",
      targetType: "user",
      targetId: userId,
      before: { email: user.email, role: user.role },
      after: { email: user.email, role },
      ip,
    });
    return updated;
  });
}
