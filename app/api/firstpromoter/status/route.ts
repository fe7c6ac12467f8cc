// GET /api/firstpromoter/status – whether FirstPromoter refuses Ledger's API key (admins only; the banner polls it)
import { getSessionUser } from "@/lib/auth/require-user.ts";
import { hasRole } from "@/lib/auth/roles.ts";
import { db } from "@/lib/db/index.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import { getConnection } from "@/lib/outbox/connection.ts";

export async function GET(): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return Response.json(new AppError(ErrorCode.UNAUTHENTICATED, "sign in first").toJSON(), { status: 401 });
  if (!hasRole(user.role, "admin")) return Response.json(new AppError(ErrorCode.FORBIDDEN, "admins only").toJSON(), { status: 403 });
  const c = await getConnection(db().prisma);
  return Response.json({ pausedAt: c.pausedAt, pausedReason: c.pausedReason }, { headers: { "Cache-Control": "no-store" } });
}
