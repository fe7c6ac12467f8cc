// `npm run bench:pages -- [--runs 12] [--ingest-rate 320] [--only <text>] [--no-ingest]`
// Times the real pages over HTTP with a signed-in session, on the database DATABASE_URL names (fill it
// first with `npm run seed:bulk`): for every list its first page, a page 50 keyset steps deep, each
// filter, each sort, a prefix search and a search that finds nothing (each page load includes its facet
// counts); every detail page with its related lists (the promoter with the most leads included); the
// Overview for each period; and a CSV export. Once with the database idle and once while events arrive
// at a fixed rate (--ingest-rate, default 320/s: half the ~640/s ceiling bench:ingest measured on the
// 2-core machine; full speed would take both cores by design). Prints p50/p95 and HTML size per case,
// and beside the list cases the same rows fetched the naive way (OFFSET + exact COUNT) in SQL.
// Target: p95 < 150 ms per case under ingest, ≤ 150 KB of HTML per list page of 50 rows.
// A measurement, not a test: exits 0 whatever the figures.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { getDb } from "../lib/db/index.ts";
import { createUser } from "../lib/users/create-user.ts";
import { ensureBuild } from "../scripts/lib/ensure-build.ts";
import { EventSupply } from "./lib/event-supply.ts";
import { ROOT, startServer } from "./lib/server.ts";

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (args: unknown[]) => Promise<string | FormData>;
};

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "12" },
    "ingest-rate": { type: "string", default: "320" },
    "no-ingest": { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const RUNS = Number(args.runs);
const INGEST_RATE = Number(args["ingest-rate"]);
const TARGET_MS = 150;
const TARGET_KB = 150;
const SECRET = `bench-pages-${randomBytes(6).toString("hex")}`;
const PASSWORD = "bench pages password 1234";
const log = (m: string) => console.log(`[pages] ${m}`);

type Case = { group: string; name: string; url: string; naive?: string };
type Timing = { p50: number; p95: number; kb: number; status: number };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith("postgres")) throw new Error("set DATABASE_URL to a PostgreSQL database filled by npm run seed:bulk");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const q = async <T extends pg.QueryResultRow>(sql: string) => (await pool.query<T>(sql)).rows;
  const counts = (await q<{ t: string; n: string }>(`
    SELECT t, n::text FROM (VALUES ('events', (SELECT reltuples::bigint FROM pg_class WHERE relname = 'webhook_event')),
      ('leads', (SELECT reltuples::bigint FROM pg_class WHERE relname = 'lead')), ('rewards', (SELECT reltuples::bigint FROM pg_class WHERE relname = 'reward')),
      ('promoters', (SELECT reltuples::bigint FROM pg_class WHERE relname = 'promoter')), ('fulfilments', (SELECT count(*) FROM fulfilment)),
      ('payouts', (SELECT reltuples::bigint FROM pg_class WHERE relname = 'payout')), ('audit', (SELECT reltuples::bigint FROM pg_class WHERE relname = 'audit_log'))) AS c(t, n)`))
    .map((r) => `${Number(r.n).toLocaleString("en-US")} ${r.t}`)
    .join(", ");
  log(`data: ${counts} (estimates); machine load ${loadavg().map((n) => n.toFixed(2)).join(" / ")}`);

  // Ids for the detail pages: the promoter with the most leads, a median one, and one of each record.
  const [top] = await q<{ id: string; n: string }>("SELECT promoter_id::text AS id, count(*)::text AS n FROM lead WHERE promoter_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
  const one = async (sql: string) => (await q<{ id: string }>(sql))[0]?.id ?? "1";
  const ids = {
    topPromoter: top?.id ?? "1",
    promoter: await one("SELECT id::text FROM promoter ORDER BY id OFFSET (SELECT count(*) / 2 FROM promoter) LIMIT 1"),
    lead: await one("SELECT id::text FROM lead WHERE state = 'cancelled' ORDER BY id LIMIT 1"),
    fulfilment: await one("SELECT id::text FROM fulfilment WHERE sync_state = 'confirmed' ORDER BY id LIMIT 1"),
    payout: await one("SELECT payout_id::text AS id FROM payout_commission ORDER BY payout_id LIMIT 1"),
    event: await one("SELECT id::text FROM webhook_event ORDER BY id DESC LIMIT 1"),
    v2event: await one("SELECT id::text FROM webhook_event WHERE source = 'firstpromoter_v2' ORDER BY id DESC LIMIT 1"),
    delivery: await one("SELECT id::text FROM webhook_delivery ORDER BY id DESC LIMIT 1"),
  };
  log(`the promoter with the most leads: ${ids.topPromoter} (${Number(top?.n ?? 0).toLocaleString("en-US")} leads)`);

  const cases: Case[] = [
    ...list("promoters", "/promoters", "promoter", "COALESCE(fp_created_at, first_seen_at) DESC", [
      "status=pending", "campaign=13203", "balance=points", "created=2026-01-01,", "deleted=yes",
      "sort=cash_current.desc", "sort=created.asc", "q=promoter12", "q=zz-nothing-zz",
    ]),
    ...list("leads", "/leads", "lead", "COALESCE(fp_created_at, first_seen_at) DESC", [
      "state=signup", "state=customer", "suspicion=ad_source", `promoter=${ids.topPromoter}`, "campaign=13204", "plan=Enterprise",
      "customer_since=2026-01-01,", "cancelled_at=2026-01-01,", "deleted=yes",
      "sort=customer_since.desc", "state=signup&sort=customer_since.desc", "sort=cancelled_at.desc", "sort=created_at.asc", "q=lead1234", "q=zz-nothing-zz@example.com",
    ]),
    ...list("rewards", "/rewards", "reward", "COALESCE(fp_created_at, first_seen_at) DESC", [
      "status=pending", "unit=points", `promoter=${ids.topPromoter}`, "created_at=2026-01-01,", "deleted=yes", "sort=amount.desc", "sort=created_at.asc", "q=lead1234", "q=zz-nothing-zz",
    ]),
    ...list("fulfilments", "/fulfilments", "fulfilment", "first_delivery_at", [
      "review_status=all", "review_status=approved", "sync_state=failed", "unit=credits", `promoter=${ids.topPromoter}`, "sort=amount.desc",
      "sort=first_delivery_at.desc", "q=promoter1", "q=zz-nothing-zz",
    ]),
    ...list("payouts", "/payouts", "payout", "COALESCE(period_start, fp_created_at, first_seen_at) DESC", [
      "status=failed", `promoter=${ids.topPromoter}`, "period=2026-01-01,", "deleted=yes", "sort=amount.desc", "sort=period.desc", "q=promoter1", "q=zz-nothing-zz",
    ]),
    ...list("events", "/events", "webhook_event", "received_at DESC", [
      "type=reward_created", "outcome=failed", "format=v2", "entity=commission", "occurred_at=2026-01-01,", "sort=occurred_at.desc",
      "q=promoter12@example.com", "q=20000007", "q=zz-nothing-zz",
    ]),
    ...list("deliveries", "/events/deliveries", "webhook_delivery", "received_at DESC", ["outcome=rejected", "status_code=401"]),
    ...list("activity", "/activity", "audit_log", "at DESC", ["action=fulfilment.approve", "target_type=fulfilment", "q=admin", "q=zz-nothing-zz"]),
    { group: "detail", name: `promoter with the most leads (${ids.topPromoter})`, url: `/promoters/${ids.topPromoter}` },
    { group: "detail", name: "a median promoter", url: `/promoters/${ids.promoter}` },
    { group: "detail", name: "lead", url: `/leads/${ids.lead}` },
    { group: "detail", name: "fulfilment", url: `/fulfilments/${ids.fulfilment}` },
    { group: "detail", name: "payout", url: `/payouts/${ids.payout}` },
    { group: "detail", name: "event (v1)", url: `/events/${ids.event}` },
    { group: "detail", name: "event (v2)", url: `/events/${ids.v2event}` },
    { group: "detail", name: "delivery", url: `/events/deliveries/${ids.delivery}` },
    ...["7d", "30d", "90d", "12m"].map((p) => ({ group: "overview", name: `period ${p}`, url: `/?period=${p}` })),
  ].filter((c) => !args.only || `${c.group} ${c.name}`.includes(args.only));

  await ensureBuild({ log });
  const { prisma, pool: appPool } = getDb({ connectionString: url });
  const email = `bench-pages-${randomBytes(4).toString("hex")}@example.com`;
  await createUser(prisma, { email, name: "Bench Pages", role: "admin", password: PASSWORD }, { id: "cli", email: "cli" });
  await prisma.$disconnect();
  await appPool.end();
  const server = await startServer({ kind: "next", databaseUrl: url, secret: SECRET, log });
  let stopIngest = () => Promise.resolve({ sent: 0, failed: 0, seconds: 0 });
  try {
    const cookie = await signIn(server.url, email);
    // Deep pages: follow the "next" link 50 times once, then time the URL reached.
    for (const c of cases.filter((x) => x.url.endsWith("#deep"))) c.url = await followNext(server.url, cookie, c.url.replace("#deep", ""), 50);
    // Warm up each case once (compiles nothing in production, but fills Postgres's cache as a live server's would be).
    for (const c of cases) await get(server.url, cookie, c.url);
    const idle = new Map<Case, Timing>();
    for (const c of cases) idle.set(c, await time(server.url, cookie, c.url));
    let loaded = new Map<Case, Timing>();
    let ingestNote = "not run (--no-ingest)";
    if (!args["no-ingest"]) {
      stopIngest = startIngest(server.url, INGEST_RATE);
      for (const c of cases) loaded.set(c, await time(server.url, cookie, c.url));
      const s = await stopIngest();
      stopIngest = () => Promise.resolve(s);
      ingestNote = `${Math.round(s.sent / s.seconds)} events/s delivered (target ${INGEST_RATE}), ${s.failed} not 2xx`;
    } else loaded = new Map();
    const naive = new Map<string, number>();
    for (const c of cases.filter((x) => x.naive)) naive.set(c.naive ?? "", await naiveMs(pool, c.naive ?? ""));
    report(cases, idle, loaded, naive, ingestNote);
    await exportBench(server.url, cookie);
    return 0;
  } finally {
    await stopIngest();
    await server.stop();
    await pool.end();
  }
}

/** A list's cases: first page, 50 pages deep, each extra query; the naive SQL beside the first two. */
function list(group: string, base: string, table: string, order: string, extra: string[]): Case[] {
  const naiveFirst = `SELECT count(*) FROM ${table}; SELECT * FROM ${table} ORDER BY ${order} LIMIT 50`;
  const naiveDeep = `SELECT count(*) FROM ${table}; SELECT * FROM ${table} ORDER BY ${order} OFFSET 2450 LIMIT 50`;
  return [
    { group, name: "first page", url: base, naive: naiveFirst },
    { group, name: "page 50 (keyset)", url: `${base}#deep`, naive: naiveDeep },
    ...extra.map((e) => ({ group, name: e, url: `${base}?${e}` })),
  ];
}

async function signIn(base: string, email: string): Promise<string> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === "signInAction")?.[0];
  if (!id) throw new Error("no signInAction in the build");
  const form = new FormData();
  form.set("email", email);
  form.set("password", PASSWORD);
  form.set("next", "/");
  const res = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Next-Action": id, Accept: "text/x-component", Origin: base },
    body: (await encodeReply([{}, form])) as BodyInit,
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").filter((c) => c.startsWith("better-auth.session_token=")).join("; ");
  if (!cookie) throw new Error(`sign-in answered ${res.status} without a session cookie`);
  return cookie;
}

async function get(base: string, cookie: string, url: string): Promise<{ status: number; bytes: number; text: string }> {
  const res = await fetch(`${base}${url}`, { headers: { Cookie: cookie }, redirect: "manual" });
  const text = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(text), text };
}

async function followNext(base: string, cookie: string, url: string, steps: number): Promise<string> {
  let current = url;
  for (let i = 0; i < steps; i++) {
    const { text } = await get(base, cookie, current);
    // The pager's "Next page" link carries ?cursor=…; the page streams its rows, so read the first such href.
    const m = /href="([^"]*[?&](?:amp;)?cursor=[^"]*)"/.exec(text);
    const href = m?.[1]?.replace(/&amp;/g, "&");
    if (!href || /direction=prev|dir=prev/.test(href)) return current;
    current = href.startsWith("/") ? href : `${url.split("?")[0] ?? ""}${href}`;
  }
  return current;
}

async function time(base: string, cookie: string, url: string): Promise<Timing> {
  const ms: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = await get(base, cookie, url);
    ms.push(performance.now() - t);
    bytes = r.bytes;
    status = r.status;
  }
  return { p50: pct(ms, 50), p95: pct(ms, 95), kb: bytes / 1024, status };
}

async function naiveMs(pool: pg.Pool, sql: string): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    for (const s of sql.split(";").map((x) => x.trim()).filter(Boolean)) await pool.query(s);
    ms.push(performance.now() - t);
  }
  return pct(ms, 50);
}

/** Posts unique v1 events at a fixed rate (8 in flight at most) until stopped. */
function startIngest(base: string, rate: number): () => Promise<{ sent: number; failed: number; seconds: number }> {
  const supply = new EventSupply({ seed: 77, startEventId: 900_000_000 + Math.floor(Math.random() * 90_000_000) });
  supply.ensure(Math.min(200_000, rate * 600));
  let sent = 0;
  let failed = 0;
  let inFlight = 0;
  const started = performance.now();
  const tick = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * rate) - sent - inFlight;
    for (let i = 0; i < due && inFlight < 8; i++) {
      inFlight++;
      const e = supply.next();
      fetch(`${base}/api/webhooks/firstpromoter`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${SECRET}` }, body: new Uint8Array(e.body) })
        .then((r) => {
          if (r.status >= 300) failed++;
          return r.arrayBuffer();
        })
        .catch(() => failed++)
        .finally(() => {
          inFlight--;
          sent++;
        });
    }
  }, 5);
  return async () => {
    clearInterval(tick);
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    return { sent, failed, seconds: (performance.now() - started) / 1000 };
  };
}

function report(cases: Case[], idle: Map<Case, Timing>, loaded: Map<Case, Timing>, naive: Map<string, number>, ingestNote: string) {
  log(`${RUNS} requests per case; under ingest: ${ingestNote}`);
  const head = ["case", "status", "KB", "idle p50", "idle p95", "ingest p50", "ingest p95", "naive SQL", "verdict"];
  const rows = cases.map((c) => {
    const i = idle.get(c);
    const l = loaded.get(c);
    const worst = l?.p95 ?? i?.p95 ?? NaN;
    const isList = !["detail", "overview"].includes(c.group);
    const tooBig = isList && (i?.kb ?? 0) > TARGET_KB;
    const verdict = worst < TARGET_MS && !tooBig && i?.status === 200 ? "PASS" : `FAIL${tooBig ? " (size)" : ""}${i?.status !== 200 ? ` (${i?.status})` : ""}`;
    const n = c.naive ? naive.get(c.naive) : undefined;
    return [`${c.group}: ${c.name}`, String(i?.status ?? ""), (i?.kb ?? 0).toFixed(0), ms(i?.p50), ms(i?.p95), ms(l?.p50), ms(l?.p95), n === undefined ? "" : ms(n), verdict];
  });
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? "").length)));
  const line = (r: string[]) => r.map((v, k) => (k === 0 ? v.padEnd(widths[k] ?? 0) : v.padStart(widths[k] ?? 0))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  const failed = rows.filter((r) => r[8] !== "PASS").length;
  log(`${rows.length - failed} of ${rows.length} cases within p95 < ${TARGET_MS} ms${loaded.size ? " under ingest" : ""} and ≤ ${TARGET_KB} KB per list page`);
}

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "" : v.toFixed(0));

/** A CSV export of the leads list (all columns' defaults): rows/s and the server's answer time. */
async function exportBench(base: string, cookie: string) {
  const t = performance.now();
  const res = await fetch(`${base}/api/export/leads`, { headers: { Cookie: cookie } });
  let bytes = 0;
  let lines = 0;
  let first = 0;
  const reader = res.body?.getReader();
  if (!reader) return;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!first) first = performance.now() - t;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines++;
  }
  const s = (performance.now() - t) / 1000;
  log(`export /api/export/leads: ${res.status}, ${lines.toLocaleString("en-US")} lines, ${(bytes / 1024 ** 2).toFixed(0)} MB in ${s.toFixed(1)} s = ${Math.round(lines / s).toLocaleString("en-US")} rows/s (first byte ${first.toFixed(0)} ms)`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[pages] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
