import "server-only";
import { recordAudit } from "@/lib/audit/record-audit.ts";
import { db } from "@/lib/db/index.ts";
import { auth } from "./auth.ts";
import type { SessionUser } from "./require-user.ts";

/** Deletes the session row and the cookie. */
export async function signOut(user: SessionUser | null, ctx: { headers: Headers; ip: string }): Promise<void> {
  await auth().api.signOut({ headers: ctx.headers });
  if (user) {
    await recordAudit(db().prisma, { actor: user, action: "auth.sign_out", targetType: "user", targetId: user.id, ip: ctx.ip });
  }
}
