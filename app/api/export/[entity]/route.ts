import { getSessionUser } from "@/lib/auth/require-user.ts";
import { requestContext } from "@/lib/auth/request-context.ts";
import { db } from "@/lib/db/index.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import { exportSource } from "@/lib/export/sources.ts";
import { streamCsvExport } from "@/lib/export/stream-csv-export.ts";

// GET /api/export/<entity>?<the list page's query>&columns=a,b — a streamed CSV of the filtered list.
// Any signed-in user (viewers may read every list); every export is audited.

export const dynamic = "force-dynamic";

function fail(e: AppError): Response {
  return Response.json(e.toJSON(), { status: e.statusCode, headers: { "cache-control": "no-store" } });
}

export async function GET(request: Request, ctx: { params: Promise<{ entity: string }> }): Promise<Response> {
  const { entity } = await ctx.params;
  try {
    const user = await getSessionUser();
    if (!user) return fail(new AppError(ErrorCode.UNAUTHENTICATED, "Sign in to export"));
    const source = exportSource(entity);
    if (!source) return fail(new AppError(ErrorCode.NOT_FOUND, `Nothing named "${entity.slice(0, 40)}" can be exported`, { field: "entity" }));
    const { ip } = await requestContext();
    return await streamCsvExport(db().prisma, source, new URL(request.url).searchParams, { user, ip, signal: request.signal, pool: db().pool });
  } catch (err) {
    if (err instanceof AppError) return fail(err);
    if (isDatabaseUnavailable(err)) return fail(new AppError(ErrorCode.DATABASE_UNAVAILABLE, "The database is not answering; try again shortly"));
    console.error("[export] failed:", err);
    return fail(new AppError(ErrorCode.INTERNAL, "The export failed; see the server log"));
  }
}
