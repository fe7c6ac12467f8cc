import "server-only";
import { Readable } from "node:stream";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { Prisma } from "@/lib/generated/prisma/client.ts";

// The fast path of a CSV export: Postgres writes the CSV itself (COPY (query) TO STDOUT WITH (FORMAT
// csv)) and the bytes stream to the client as they come, with backpressure (Readable.toWeb), so a
// million rows never sit in memory and JavaScript formats no row. What csvCell does per cell is done in
// SQL by the column expressions (sqlText, sqlInstant); COPY quotes as RFC 4180 says. Closing the
// connection (the client going away) destroys the database connection, which stops the query.

/** A text expression made safe for spreadsheets: a leading = + - @ tab or CR gets an apostrophe (as csvCell). */
export function sqlText(expr: string): string {
  return `(CASE WHEN (${expr}) ~ '^[=+\\-@\\t\\r]' AND (${expr}) !~ '^-?[0-9]+(\\.[0-9]+)?$' THEN '''' || (${expr}) ELSE (${expr}) END)`;
}

/** An instant as csvCell writes a Date: ISO 8601 in UTC with milliseconds. */
export function sqlInstant(expr: string): string {
  return `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * A Prisma.Sql with its parameters written in as literals: COPY takes no bind parameters. Every value
 * here was parsed from an allow-listed URL parameter (the list's search spec), and each is quoted by
 * the driver's own escaping, never concatenated raw.
 */
export function inlineSql(client: pg.ClientBase, sql: Prisma.Sql): string {
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new Error("not a finite number");
      return String(v);
    }
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (v instanceof Date) return client.escapeLiteral(v.toISOString());
    if (Array.isArray(v)) return `ARRAY[${v.map(literal).join(", ")}]`;
    if (typeof v === "string") return client.escapeLiteral(v);
    throw new Error(`cannot inline a ${typeof v}`);
  };
  // Prisma.Sql's text for Postgres numbers its placeholders $1, $2…; replace from the highest down.
  return sql.text.replace(/\$(\d+)/g, (_m, n: string) => literal(sql.values[Number(n) - 1]));
}

/**
 * Streams `COPY (<query>) TO STDOUT (FORMAT csv)` on a connection of its own, after `head` (the BOM
 * and header line). The connection is released when the copy ends, and destroyed when it fails or the
 * reader cancels (which stops the query in Postgres).
 */
export async function copyCsvStream(pool: pg.Pool, query: (client: pg.ClientBase) => string, head: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const client = await pool.connect();
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  let copy: ReturnType<typeof copyTo>;
  try {
    // The app's statement_timeout (5 s) bounds page queries; an export of millions of rows runs longer
    // and ends when the client goes away instead. Reset before the connection goes back to the pool.
    await client.query("SET statement_timeout = 0");
    copy = client.query(copyTo(`COPY (${query(client)}) TO STDOUT WITH (FORMAT csv)`));
  } catch (err) {
    release(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
  copy.on("end", () => {
    client.query("RESET statement_timeout").then(
      () => release(),
      (err: unknown) => release(err instanceof Error ? err : new Error(String(err))),
    );
  });
  let cancelled = false;
  copy.on("error", (err) => {
    if (!cancelled) console.error("[export] COPY failed:", err.message);
    release(err);
  });
  const cancel = () => {
    cancelled = true;
    copy.destroy();
    release(new Error("export cancelled by the client"));
  };
  if (signal?.aborted) cancel();
  signal?.addEventListener("abort", cancel, { once: true });
  const body = Readable.toWeb(copy) as ReadableStream<Uint8Array>;
  const encoder = new TextEncoder();
  const reader = body.getReader();
  let headSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headSent) {
          headSent = true;
          controller.enqueue(encoder.encode(head));
          return;
        }
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel() {
        cancel();
        return reader.cancel().catch(() => {});
      },
    },
    { highWaterMark: 1 },
  );
}
