// Shared helpers for the webhook integration tests: one test database per file, deliveries through
// receiveDelivery() (the whole contract without HTTP), and table snapshots to prove what changed.
import { readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type LedgerPool, createPool } from "@/lib/db/pool.ts";
import { type DeliveryResponse, receiveDelivery } from "@/lib/events/receive-delivery.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";

// ---------------------------------------------------------------------------------------------
// Secrets and bodies

export const SECRET = "current-secret-4f1c2d9e";
export const PREVIOUS_SECRET = "previous-secret-7a8b6c5d";
export const SECRETS = [SECRET, PREVIOUS_SECRET];

export const FIXTURE_TYPES = ["lead_signup", "promoter_signed_up", "reward_created", "fulfilment_pending"] as const;
export type FixtureType = (typeof FIXTURE_TYPES)[number];

// Loose on purpose: tests build broken bodies too.
export type Json = any;
export type Body = { event: { id: number | string; type: string; created_at: string }; data: Json; [k: string]: Json };

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/firstpromoter");

/** A fresh copy of the documented example (tests/fixtures/firstpromoter/<type>.json). */
export function fixture(type: FixtureType): Body {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${type}.json`), "utf8")) as Body;
}

/** A fixture with another event id / created_at (and its data adjusted by `edit`). */
export function variant(type: FixtureType, id: number, createdAt: string, edit?: (data: Json) => void): Body {
  const body = fixture(type);
  body.event.id = id;
  body.event.created_at = createdAt;
  edit?.(body.data);
  return body;
}

export function envelope(type: string, id: number | string, createdAt: string, data: Json): Body {
  return { event: { id, type, created_at: createdAt }, data };
}

// v2 bodies: FirstPromoter's documented examples (tests/fixtures/firstpromoter-v2/, README there).
export type V2Body = {
  event_id: string;
  event_type: string;
  action: "created" | "updated" | "deleted";
  entity_type: string;
  entity_id?: number | string | null;
  changes?: Json;
  data: Json;
  timestamp: string;
  [k: string]: Json;
};

const V2_FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/firstpromoter-v2");

/** A fresh copy of a v2 fixture (tests/fixtures/firstpromoter-v2/<name>.json). */
export function v2Fixture(name: string): V2Body {
  return JSON.parse(readFileSync(path.join(V2_FIXTURES, `${name}.json`), "utf8")) as V2Body;
}

let uuidCounter = 0;
/** A fresh event id, UUID-shaped and unique within the run. */
export function freshUuid(): string {
  uuidCounter++;
  const hex = (uuidCounter + Date.now() * 1000).toString(16).padStart(12, "0").slice(-12);
  return `00000000-0000-4000-8000-${hex}`;
}

/** A v2 envelope around `data`. */
export function v2Envelope(eventType: string, action: V2Body["action"], data: Json, timestamp: string, extra: Partial<V2Body> = {}): V2Body {
  const entity = eventType.startsWith("payout.commissions.") ? "payout" : (eventType.split(".")[0] ?? "unknown");
  return { event_id: freshUuid(), event_type: eventType, action, entity_type: entity, entity_id: data?.id ?? null, changes: {}, data, timestamp, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Delivering

export type PostOptions = {
  /** The secret to present; null presents none. Default SECRET. */
  secret?: string | null;
  /** Where the secret goes. Default "bearer" ("path" is v1 only, "basic" the password of HTTP Basic). */
  via?: "bearer" | "path" | "basic";
  /** Which webhook URL. Default v1; postV2 sets v2. */
  format?: "v1" | "v2";
  /** v2's X-Event-Id header (default: none). */
  eventIdHeader?: string | null;
  /** Overrides the Authorization header entirely. */
  authorization?: string | null;
  /** Overrides the path segment entirely. */
  pathSecret?: string;
  /** Default application/json; null sends none. */
  contentType?: string | null;
  /** Default: the body's byte length, as an HTTP client sends it; null sends none. */
  contentLength?: string | null;
  /** A raw body stream instead of `body` (e.g. one that never ends). */
  stream?: ReadableStream<Uint8Array> | null;
  /** The configured secrets. Default SECRETS (current and previous). */
  secrets?: string[];
};

/** Delivers `body` (an object is JSON-encoded, a string is sent as is) through the webhook contract. */
export function post(pool: LedgerPool, body: unknown, opts: PostOptions = {}): Promise<DeliveryResponse> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const secret = opts.secret === undefined ? SECRET : opts.secret;
  const via = opts.via ?? "bearer";
  const authorization =
    opts.authorization !== undefined
      ? opts.authorization
      : secret === null
        ? null
        : via === "bearer"
          ? `Bearer ${secret}`
          : via === "basic"
            ? `Basic ${Buffer.from(`firstpromoter:${secret}`).toString("base64")}`
            : null;
  const pathSecret = opts.pathSecret !== undefined ? opts.pathSecret : secret !== null && via === "path" ? secret : undefined;
  const contentType = opts.contentType === undefined ? "application/json" : opts.contentType;
  const contentLength = opts.contentLength === undefined ? String(Buffer.byteLength(text)) : opts.contentLength;
  const stream = opts.stream !== undefined ? opts.stream : new Response(text).body;
  return receiveDelivery(
    pool,
    { format: opts.format, eventIdHeader: opts.eventIdHeader ?? null, authorization, pathSecret, contentType, contentLength, body: stream },
    opts.secrets ?? SECRETS,
  );
}

/** Delivers `body` to the v2 webhook. */
export function postV2(pool: LedgerPool, body: unknown, opts: PostOptions = {}): Promise<DeliveryResponse> {
  return post(pool, body, { ...opts, format: "v2" });
}

/** Runs `tasks` with at most `concurrency` in flight; results in input order. */
export async function mapConcurrent<T, R>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Databases

export const TABLES = [
  "webhook_event",
  "webhook_delivery",
  "event_record",
  "campaign",
  "promoter",
  "promoter_balance",
  "promotion",
  "lead",
  "reward",
  "fulfilment",
  "payout",
  "payout_commission",
] as const;
export type Table = (typeof TABLES)[number];

export const PROJECTION_TABLES = ["campaign", "promoter", "promoter_balance", "promotion", "lead", "reward", "fulfilment", "payout", "payout_commission"] as const;

const PRIMARY_KEY: Record<Table, string[]> = {
  webhook_event: ["id"],
  webhook_delivery: ["id"],
  event_record: ["record_type", "record_id", "event_id"],
  campaign: ["id"],
  promoter: ["id"],
  promoter_balance: ["promoter_id", "kind", "unit"],
  promotion: ["id"],
  lead: ["id"],
  reward: ["id"],
  fulfilment: ["id"],
  payout: ["id"],
  payout_commission: ["payout_id", "commission_id"],
};

/** Truthful only for Postgres servers; the embedded PGlite runs one query at a time. */
export const onRealPostgres = !!process.env.TEST_DATABASE_URL;

export type DbContext = { db: TestDatabase; pool: LedgerPool };

/**
 * One fresh migrated database for the test file (beforeAll), emptied before every test (beforeEach),
 * its pool closed and the database dropped afterwards. The pool is the app's (createPool: its connect
 * and statement timeouts).
 */
export function useTestDatabase(opts: { max?: number } = {}): DbContext {
  const ctx = {} as DbContext;
  beforeAll(async () => {
    ctx.db = await createTestDatabase();
    ctx.pool = createPool(ctx.db.url, { max: opts.max ?? 5 });
  });
  beforeEach(async () => {
    await truncateAll(ctx.pool);
  });
  afterAll(async () => {
    await ctx.pool?.end();
    await ctx.db?.drop();
  });
  return ctx;
}

export async function truncateAll(pool: pg.Pool): Promise<void> {
  await pool.query(`TRUNCATE ${TABLES.join(", ")} RESTART IDENTITY CASCADE`);
}

export async function rows<T extends pg.QueryResultRow = Json>(pool: pg.Pool, sql: string, values: unknown[] = []): Promise<T[]> {
  return (await pool.query<T>(sql, values)).rows;
}

export async function one<T extends pg.QueryResultRow = Json>(pool: pg.Pool, sql: string, values: unknown[] = []): Promise<T> {
  const r = await rows<T>(pool, sql, values);
  if (r.length !== 1) throw new Error(`expected one row, got ${r.length}: ${sql}`);
  return r[0] as T;
}

export async function tableCounts(pool: pg.Pool): Promise<Record<Table, number>> {
  const select = TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(", ");
  return (await pool.query<Record<Table, number>>(`SELECT ${select}`)).rows[0] as Record<Table, number>;
}

export type Snapshot = Record<Table, Json[]>;

/** Every row of every table, in primary-key order. */
export async function snapshot(pool: pg.Pool): Promise<Snapshot> {
  const out = {} as Snapshot;
  for (const t of TABLES) out[t] = await rows(pool, `SELECT * FROM ${t} ORDER BY ${PRIMARY_KEY[t].join(", ")}`);
  return out;
}

export type TableChanges = { added: Json[]; removed: Json[]; changed: { before: Json; after: Json }[] };
export type Changes = Partial<Record<Table, TableChanges>>;

const keyOf = (t: Table, row: Json) => PRIMARY_KEY[t].map((k) => String(row[k])).join("/");

/** What differs between two snapshots, per table; tables without differences are left out. */
export function diff(before: Snapshot, after: Snapshot): Changes {
  const out: Changes = {};
  for (const t of TABLES) {
    const was = new Map(before[t].map((r) => [keyOf(t, r), r]));
    const now = new Map(after[t].map((r) => [keyOf(t, r), r]));
    const c: TableChanges = { added: [], removed: [], changed: [] };
    for (const [k, r] of now) {
      const old = was.get(k);
      if (!old) c.added.push(r);
      else if (JSON.stringify(old) !== JSON.stringify(r)) c.changed.push({ before: old, after: r });
    }
    for (const [k, r] of was) if (!now.has(k)) c.removed.push(r);
    if (c.added.length || c.removed.length || c.changed.length) out[t] = c;
  }
  return out;
}

/** `{ webhook_delivery: "+1", fulfilment: "~1" }`: a readable summary of diff(). */
export function summary(changes: Changes): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [t, c] of Object.entries(changes) as [Table, TableChanges][]) {
    out[t] = [c.added.length && `+${c.added.length}`, c.removed.length && `-${c.removed.length}`, c.changed.length && `~${c.changed.length}`]
      .filter(Boolean)
      .join(" ");
  }
  return out;
}

/** Runs `fn` and reports what it changed in the database: table counts before/after and the row-level diff. */
export async function track<R>(
  pool: pg.Pool,
  fn: () => Promise<R>,
): Promise<{ result: R; changes: Changes; summary: Record<string, string>; countsBefore: Record<Table, number>; countsAfter: Record<Table, number> }> {
  const countsBefore = await tableCounts(pool);
  const before = await snapshot(pool);
  const result = await fn();
  const after = await snapshot(pool);
  const countsAfter = await tableCounts(pool);
  const changes = diff(before, after);
  return { result, changes, summary: summary(changes), countsBefore, countsAfter };
}

/** The newest delivery row. */
export function lastDelivery(pool: pg.Pool): Promise<Json> {
  return one(pool, "SELECT * FROM webhook_delivery ORDER BY id DESC LIMIT 1");
}

/** Every projected table empty and no touched records. */
export async function projectionCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const counts = await tableCounts(pool);
  return Object.fromEntries([...PROJECTION_TABLES, "event_record"].map((t) => [t, counts[t as Table]]));
}

/** The record ids an event touched, by record type: `{ promoter: ["3920164"], … }`. */
export async function touchedBy(pool: pg.Pool, externalId: string | number): Promise<Record<string, string[]>> {
  const r = await rows<{ record_type: string; record_id: string }>(
    pool,
    `SELECT r.record_type::text, r.record_id::text FROM event_record r JOIN webhook_event e ON e.id = r.event_id
     WHERE e.external_id = $1 ORDER BY 1, r.record_id`,
    [String(externalId)],
  );
  const out: Record<string, string[]> = {};
  for (const { record_type, record_id } of r) (out[record_type] ??= []).push(record_id);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Unreachable databases

/** A port nothing listens on (taken from the OS, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** A TCP server that accepts connections and never answers: a database that hangs. */
export async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on("error", () => {});
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    url: `postgresql://postgres@127.0.0.1:${address.port}/ledger?sslmode=disable`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Projections

/** Columns that legitimately differ between two databases fed the same events (receive times, delivery counters). */
export const VOLATILE_COLUMNS = ["first_seen_at", "updated_at", "first_delivery_at", "last_delivery_at", "delivery_count", "answered_200_at", "fp_outcome_at"];

/** Every projection table's rows in primary-key order, without VOLATILE_COLUMNS: comparable across databases. */
export async function projections(pool: pg.Pool): Promise<Record<string, Json[]>> {
  const out: Record<string, Json[]> = {};
  for (const t of PROJECTION_TABLES) {
    const all = await rows(pool, `SELECT * FROM ${t} ORDER BY ${PRIMARY_KEY[t].join(", ")}`);
    out[t] = all.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !VOLATILE_COLUMNS.includes(k))));
  }
  return out;
}

/** Delivers bodies one after the other; each must be accepted (2xx). */
export async function deliverAll(pool: LedgerPool, bodies: Body[]): Promise<DeliveryResponse[]> {
  const out: DeliveryResponse[] = [];
  for (const b of bodies) {
    const res = await post(pool, b);
    if (res.status >= 300) throw new Error(`event ${b.event.id} (${b.event.type}) answered ${res.status}: ${JSON.stringify(res.body)}`);
    out.push(res);
  }
  return out;
}
