import "server-only";
import { forbidden, redirect } from "next/navigation";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import { auth } from "./auth.ts";
import { requestContext } from "./request-context.ts";
import { type Role, hasRole } from "./roles.ts";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/** The signed-in user, read from the session row on every call (a role change applies at once). */
export async function getSessionUser(): Promise<SessionUser | null> {
  const { headers } = await requestContext();
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  const { id, email, name, role } = session.user as { id: string; email: string; name: string; role?: string };
  return { id, email, name, role: role === "admin" ? "admin" : "viewer" };
}

/**
 * The check every page, server action and route handler makes itself (the proxy's redirect is only
 * a convenience): no session → sign-in page; wrong role → 403 page.
 */
export async function requireUser(opts: { role?: Role } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (!hasRole(user.role, opts.role ?? "viewer")) forbidden();
  return user;
}

/** For server actions that answer `{ ok, error }` instead of navigating. */
export async function requireActionUser(opts: { role?: Role } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, "Your session has ended; sign in again");
  if (!hasRole(user.role, opts.role ?? "viewer")) throw new AppError(ErrorCode.FORBIDDEN, "Your role does not allow this");
  return user;
}
