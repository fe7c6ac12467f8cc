import "server-only";
import { APIError } from "better-auth/api";
import { recordAudit } from "@/lib/audit/record-audit.ts";
import { db } from "@/lib/db/index.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import { auth } from "./auth.ts";
import type { SessionUser } from "./require-user.ts";

/** Changes the signed-in user's own password and ends their other sessions. */
export async function changeOwnPassword(
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  ctx: { headers: Headers; ip: string },
): Promise<void> {
  try {
    await auth().api.changePassword({
      body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true },
      headers: ctx.headers,
    });
  } catch (err) {
    if (err instanceof APIError) {
      throw new AppError(ErrorCode.VALIDATION, "The current password is wrong", { field: "currentPassword" });
    }
    throw err;
  }
  await recordAudit(db().prisma, { actor: user, action: "auth.password_change", targetType: "user", targetId: user.id, ip: ctx.ip });
}
