import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import { auth } from "./auth.ts";
import { requestContext } from "./request-context.ts";
import { type Role, hasRole } from "./roles.ts";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The request's headers, with its cookies as they now stand. A server action that sets a cookie (a
 * password change replaces the session and its cookie) is answered with the page re-rendered, and
 * that render sees the new cookie through cookies() but still the old one in headers() (Next updates
 * only the former): read from headers() alone, the session would be the replaced one, and the page
 * would send the user to sign in instead of confirming the change.
 */
async function headersWithCurrentCookies(): Promise<Headers> {
  const { headers } = await requestContext();
  const current = new Headers(headers);
  const jar = (await cookies()).toString();
  if (jar) current.set("cookie", jar);
  else current.delete("cookie");
  return current;
}

/** The signed-in user, read from the session row on every call (a role change applies at once). */
export async function getSessionUser(): Promise<SessionUser | null> {
  // Headers first: reading them is what makes a page dynamic (next build prerenders nothing that
  // reads them), and auth() needs a runtime environment that next build does not have.
  const headers = await headersWithCurrentCookies();
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
