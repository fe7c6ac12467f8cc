// The list-query bench's EXPLAIN: records the statements one run of a query sends through the app's pool
// (Prisma's driver adapter calls pool.query with the SQL text and its bound values, unnamed, so each
// is planned for its values), then replays each as EXPLAIN (ANALYZE, BUFFERS) with the same values:
// the plan the app got, whatever built the SQL (raw list SQL, ORM lookups, facet counts).
import type pg from "pg";

export type Statement = { text: string; values: unknown[] };

export type StatementRecorder = { record(run: () => Promise<unknown>): Promise<Statement[]> };

/** Wraps `pool.query` (once) so that statements sent during record() are kept. Queries must run one at a time. */
export function recordStatements(pool: pg.Pool): StatementRecorder {
  let recording: Statement[] | null = null;
  const target = pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = target.query.bind(pool);
  target.query = (...args: unknown[]) => {
    const [config, values] = args;
    if (recording) {
      if (typeof config === "string") recording.push({ text: config, values: Array.isArray(values) ? values : [] });
      else if (config && typeof config === "object" && "text" in config) {
        const c = config as { text: unknown; values?: unknown };
        recording.push({ text: String(c.text), values: Array.isArray(c.values) ? c.values : [] });
      }
    }
    return original(...args);
  };
  return {
    async record(run) {
      recording = [];
      try {
        await run();
        return recording;
      } finally {
        recording = null;
      }
    },
  };
}

/** Catalog look-ups (pageTotal's reltuples, facetCounts' pg_stats): not worth a plan in the report. */
export function isCatalogLookup(s: Statement): boolean {
  return /\bFROM\s+pg_(class|stats)\b/i.test(s.text);
}

/** EXPLAIN (ANALYZE, BUFFERS) of one recorded statement, sent as the app sent it (unnamed, same values). */
export async function explainStatement(pool: pg.Pool, s: Statement): Promise<string> {
  const { rows } = await pool.query<{ "QUERY PLAN": string }>({ text: `EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, values: s.values });
  const values = s.values.length > 0 ? `\n-- values: ${JSON.stringify(s.values, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}` : "";
  return `${s.text.replace(/\s+/g, " ").trim()}${values}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`;
}
