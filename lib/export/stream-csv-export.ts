import "server-only";
import type { SessionUser } from "@/lib/auth/require-user.ts";
import { recordAudit } from "@/lib/audit/record-audit.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import type { TableSearch } from "@/lib/data-table/types.ts";
import type { LedgerPool } from "@/lib/db/pool.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { copyCsvStream, inlineSql } from "./copy-csv.ts";
import { csvLine, UTF8_BOM } from "./csv.ts";
import type { ExportColumn, ExportSource } from "./types.ts";

/** Rows per keyset batch: one short query each; the stream pulls the next when the client has read the last. */
export const EXPORT_BATCH = 1000;

/** The URL parameters that are not the list's filters. */
const NOT_FILTERS = new Set(["columns", "cursor", "perPage"]);

/** The columns picked by `columns=a,b` (in that order), or the default set; unknown ids are an error. */
export function pickColumns<R>(source: ExportSource<R>, raw: string | null): ExportColumn<R>[] {
  if (raw === null || raw.trim() === "") return source.columns.filter((c) => !c.optional);
  const wanted = raw.split(",").map((s) => s.trim()).filter(Boolean);
  const known = new Set(source.columns.map((c) => c.id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError(ErrorCode.VALIDATION, `Unknown column(s) for ${source.entity}: ${unknown.slice(0, 5).join(", ")}. Known: ${[...known].join(", ")}`, {
      field: "columns",
    });
  }
  const byId = new Map(source.columns.map((c) => [c.id, c]));
  return [...new Set(wanted)].map((id) => byId.get(id) as ExportColumn<R>);
}

/**
 * A CSV export of one list with the page's filters and order, streamed batch by batch (memory stays
 * at one batch however long the list), recorded in the audit log before the first byte.
 */
export async function streamCsvExport<R>(
  prisma: PrismaClient,
  source: ExportSource<R>,
  params: URLSearchParams,
  ctx: { user: SessionUser; ip: string; signal?: AbortSignal; pool?: LedgerPool },
): Promise<Response> {
  const columns = pickColumns(source, params.get("columns"));
  // The page's parser: the same allow-lists and fallbacks, from the first row (no cursor).
  const parsed = source.parse(params);
  let search: TableSearch = { ...parsed, cursor: null, perPage: EXPORT_BATCH };
  const filters = Object.fromEntries([...params.entries()].filter(([k]) => !NOT_FILTERS.has(k)));
  await recordAudit(prisma, {
    actor: { id: ctx.user.id, email: ctx.user.email },
    action: "export.csv",
    targetType: "export",
    targetId: source.entity,
    after: { entity: source.entity, filters, columns: columns.map((c) => c.id) },
    ip: ctx.ip,
  });

  // Postgres writes the CSV when the list can say it in SQL (not in embedded mode: PGlite behind its
  // socket serves one session, which a long COPY would hold).
  const copy = source.copy?.(parsed);
  if (copy && ctx.pool && !ctx.pool.embedded && columns.every((c) => c.sql)) {
    const { from, where, orderBy } = copy;
    const select = columns.map((c) => `${c.sql ?? "NULL"} AS "${c.id}"`).join(", ");
    const body = await copyCsvStream(
      ctx.pool,
      (client) => inlineSql(client, Prisma.sql`SELECT ${Prisma.raw(select)} FROM ${from} WHERE ${where} ORDER BY ${orderBy}`),
      UTF8_BOM + csvLine(columns.map((c) => c.id)),
      ctx.signal,
    );
    return csvResponse(body, source.fileStem);
  }

  const encoder = new TextEncoder();
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(UTF8_BOM + csvLine(columns.map((c) => c.id))));
    },
    async pull(controller) {
      if (done || ctx.signal?.aborted) {
        controller.close();
        return;
      }
      try {
        const { rows, next } = await source.batch(prisma, search);
        let chunk = "";
        for (const row of rows) chunk += csvLine(columns.map((c) => c.value(row)));
        if (chunk !== "") controller.enqueue(encoder.encode(chunk));
        if (next === null) {
          done = true;
          controller.close();
        } else {
          search = { ...search, cursor: next };
        }
      } catch (err) {
        // Headers are gone; erroring the stream aborts the response, so the client sees a failed
        // (truncated) download rather than a file that looks complete.
        console.error(`[export] ${source.entity} failed:`, err);
        controller.error(err);
      }
    },
    cancel() {
      done = true;
    },
  });

  return csvResponse(stream, source.fileStem);
}

function csvResponse(stream: ReadableStream<Uint8Array>, fileStem: string): Response {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="ledger-${fileStem}-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
