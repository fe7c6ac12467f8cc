import { createHash } from "node:crypto";
import { type Mode, TABLES, type TableName } from "../tables.ts";
import type { EventFormat } from "../version-key.ts";
import { TOUCHED_CTE } from "./other-ctes.ts";

// One SQL statement stores and projects a delivery: event row, projections, touched records and
// the delivery row, as data-modifying CTEs. One round trip per delivery (the route's JS core is the
// bottleneck, not Postgres), and atomic: the statement commits whole or not at all.
// Tables are always written in the registry's order (lib/projections/tables.ts), and rows in key order,
// to keep deadlocks rare: the Projection sorts each table's rows, and jsonb_to_recordset yields them in
// array order. No ORDER BY: its Sort node cost every execution more than the rows it would sort (a
// deadlock is retried once anyway). A table without rows is left out of the statement altogether: an
// empty CTE would still cost Postgres its plan-node and index set-up on every execution.

export type { Mode };

export type StatementKind =
  /** A known type whose data validated: projected into these tables. */
  | { status: "processed"; tables: TableName[]; format: EventFormat }
  /** An unknown type: stored raw. */
  | { status: "ignored" }
  /** A known type whose data failed its schema: stored with the error. */
  | { status: "failed" };


const PARAM_TYPES = {
  source: "text",
  /** Which webhook URL the delivery came to (v1, v2). */
  format: "text",
  external_id: "text",
  /** v2: the entity kind it routed by; null for v1. */
  entity_type: "text",
  type: "text",
  occurred_at: "timestamptz",
  received_at: "timestamptz",
  payload: "jsonb",
  seq: "bigint",
  /** [occurred-at epoch ms, event id] as jsonb: the version stamped on every field this event sets. */
  vkey: "jsonb",
  projection: "jsonb",
  body_bytes: "integer",
  /** A failed (422) delivery's body as received, credentials removed. */
  raw_body: "bytea",
  error: "text",
} as const;
export type ParamName = keyof typeof PARAM_TYPES;
export type Statement = { name: string; text: string; params: ParamName[] };

function eventCte(kind: StatementKind, mode: Mode): string {
  if (mode === "replay") {
    // Replay re-projects a stored event; one that failed before (e.g. fixed schema since) becomes processed.
    return `ev AS (
  UPDATE webhook_event SET status = 'processed', error = NULL
  WHERE source = :source AND external_id = :external_id
  RETURNING id, occurred_at AS at, :seq AS seq
)`;
  }
  // The first copy per id wins. On a re-delivery the no-op DO UPDATE returns the stored row (a plain
  // DO NOTHING returns nothing, and a SELECT could not see a copy committed while this statement
  // waited); `inserted` tells the two apart, and every projection CTE reads `ev` (new events only).
  return `ev_row AS (
  INSERT INTO webhook_event AS e (source, external_id, type, entity_type, occurred_at, received_at, payload, status, error)
  VALUES (:source, :external_id, :type, :entity_type, :occurred_at, :received_at, :payload, '${kind.status}', ${kind.status === "failed" ? ":error" : "NULL"})
  ON CONFLICT (source, external_id) DO UPDATE SET external_id = e.external_id
  RETURNING id, occurred_at AS at, :seq AS seq, (xmax = 0) AS inserted
),
ev AS (SELECT id, at, seq FROM ev_row WHERE inserted)`;
}

function deliveryCte(kind: StatementKind): string {
  const isNew = "EXISTS (SELECT 1 FROM ev)";
  let code = "200";
  let outcome = `CASE WHEN ${isNew} THEN 'accepted' ELSE 'duplicate' END`;
  if (kind.status === "processed" && kind.tables.includes("fulfilment")) {
    // FirstPromoter marks a fulfilment fulfilled on 200 and keeps it pending on any other 2xx.
    code = "CASE WHEN (SELECT answered_200 FROM c_fulfilment LIMIT 1) THEN 200 ELSE 202 END";
  } else if (kind.status === "ignored") {
    outcome = `CASE WHEN ${isNew} THEN 'ignored' ELSE 'duplicate' END`;
  } else if (kind.status === "failed") {
    code = "422";
    outcome = "'rejected'";
  }
  const failed = kind.status === "failed";
  return `dl AS (
  INSERT INTO webhook_delivery (received_at, format, status_code, outcome, error_code, reason, external_event_id, event_type, event_id, body_bytes, raw_body)
  SELECT :received_at, :format, ${code}, ${outcome}, ${failed ? "'invalid_data'" : "NULL"}, ${failed ? ":error" : "NULL"}, :external_id, :type,
    (SELECT id FROM ev_row),
    :body_bytes, ${failed ? ":raw_body" : "NULL"}
  RETURNING status_code, outcome
)`;
}

/**
 * Turns `:name` placeholders into `$n::type` (one number per name) and lists the names in order.
 * String literals are left alone (an actor id such as 'system:firstpromoter' is no placeholder), and
 * so are casts (`::type`).
 */
function compile(sql: string): Statement {
  const params: ParamName[] = [];
  const text = sql.replace(/'(?:[^']|'')*'|(?<!:):([a-z_]+)\b/g, (literal, name: string | undefined) => {
    if (name === undefined) return literal;
    if (!(name in PARAM_TYPES)) throw new Error(`unknown statement parameter :${name}`);
    const p = name as ParamName;
    if (!params.includes(p)) params.push(p);
    return `$${params.indexOf(p) + 1}::${PARAM_TYPES[p]}`;
  });
  return { name: `ledger_ingest_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`, text, params };
}

export function buildIngestStatement(kind: StatementKind, mode: Mode = "live"): Statement {
  const ctes = [eventCte(kind, mode)];
  const hasFulfilment = kind.status === "processed" && kind.tables.includes("fulfilment");
  if (kind.status === "processed") {
    for (const table of TABLES) if (kind.tables.includes(table.name)) ctes.push(table.cte(mode, kind.tables, kind.format));
    // Every touched record is a row of one of these tables (balances belong to a promoter row).
    if (kind.tables.length > 0) ctes.push(TOUCHED_CTE);
  }
  const reviewStatus = hasFulfilment ? "(SELECT review_status::text FROM c_fulfilment LIMIT 1)" : "NULL::text";
  if (mode === "live") {
    ctes.push(deliveryCte(kind));
    return compile(
      `WITH ${ctes.join(",\n")}\nSELECT (SELECT id FROM ev) AS event_id, dl.status_code, dl.outcome, ${reviewStatus} AS review_status FROM dl`,
    );
  }
  return compile(`WITH ${ctes.join(",\n")}\nSELECT (SELECT id FROM ev) AS event_id, ${reviewStatus} AS review_status`);
}

const cache = new Map<string, Statement>();

/**
 * The statement for a processed event projecting into `tables` (its projection's non-empty tables),
 * built on first use and kept: one per mode, format and set of tables, so no handler names its tables.
 */
export function statementFor(tables: readonly TableName[], mode: Mode, format: EventFormat = "v1"): Statement {
  const key = `${mode}:${format}:${tables.join(",")}`;
  let statement = cache.get(key);
  if (!statement) cache.set(key, (statement = buildIngestStatement({ status: "processed", tables: [...tables], format }, mode)));
  return statement;
}
