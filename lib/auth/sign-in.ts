import "server-only";
import { APIError } from "better-auth/api";
import { recordAudit } from "@/lib/audit/record-audit.ts";
import { db } from "@/lib/db/index.ts";
import { auth } from "./auth.ts";
import { clearEmailThrottle, throttleSignIn } from "./throttle-sign-in.ts";

export type SignInResult = { ok: true } | { ok: false; error: string; retryAfterSeconds?: number };

const INVALID = "Invalid email or password.";

/**
 * Email + password sign-in: throttled per IP and per email first, then better-auth verifies the
 * password and sets the session cookie. Failures never say whether the email exists.
 */
export async function signIn(input: { email: string; password: string }, ctx: { headers: Headers; ip: string }): Promise<SignInResult> {
  const { prisma } = db();
  const email = input.email.trim().toLowerCase();
  const throttle = await throttleSignIn(prisma, { ip: ctx.ip, email });
  if (!throttle.ok) {
    await recordAudit(prisma, { actor: null, action: "auth.sign_in_throttled", targetType: "email", targetId: email, ip: ctx.ip });
    return { ok: false, error: `Too many sign-in attempts. Try again in ${throttle.retryAfterSeconds} s.`, retryAfterSeconds: throttle.retryAfterSeconds };
  }
  try {
    const result = await auth().api.signInEmail({ body: { email, password: input.password }, headers: ctx.headers });
    await clearEmailThrottle(prisma, email);
    await recordAudit(prisma, {
      actor: { id: result.user.id, email: result.user.email },
      action: "auth.sign_in",
      targetType: "user",
      targetId: result.user.id,
      ip: ctx.ip,
    });
    return { ok: true };
  } catch (err) {
    if (!(err instanceof APIError)) throw err;
    await recordAudit(prisma, { actor: null, action: "auth.sign_in_failed", targetType: "email", targetId: email, ip: ctx.ip });
    return { ok: false, error: INVALID };
  }
}
