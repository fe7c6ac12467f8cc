// `npx tsx --conditions=react-server bench/ingest-cost.ts [--drop none|proj|<table>|all-secondary|fks]`
// Where a delivery's CPU goes, without Next.js in the way: receiveDelivery() called in-process against a
// fresh database on the local PostgreSQL (16 concurrent senders, N=6000 mixed events after a warm-up),
// printing the Node CPU and the Postgres backends' CPU per delivery. `--drop` removes secondary (not
// unique) indexes first — of every projection table ("proj"), of one table, or all of them — to show what
// index maintenance costs the webhook; `--drop fks` removes the foreign keys instead (what their checks
// cost). A diagnostic for bench:ingest's ratio, not a test.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "../lib/db/migrate.ts";
import { receiveDelivery } from "../lib/events/receive-delivery.ts";
import { EventSupply } from "./lib/event-supply.ts";
import { createPool } from "../lib/db/pool.ts";
import { PostgresCpu } from "./lib/postgres-cpu.ts";

const { values } = parseArgs({ options: { drop: { type: "string", default: "none" }, events: { type: "string", default: "6000" } } });
const variant = values.drop;
const name = `ledger_prof_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = `postgresql://postgres@127.0.0.1:5432/${name}`;
await migrate(url);
const c = new pg.Client({ connectionString: url });
await c.connect();
if (variant === "fks") {
  const { rows } = await c.query<{ tbl: string; conname: string }>(`SELECT conrelid::regclass::text AS tbl, conname FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`);
  for (const r of rows) await c.query(`ALTER TABLE ${r.tbl} DROP CONSTRAINT "${r.conname}"`);
  console.log(`dropped ${rows.length} foreign keys`);
} else if (variant !== "none") {
  const { rows } = await c.query<{ idx: string; tbl: string }>(`SELECT i.relname AS idx, t.relname AS tbl FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND NOT x.indisprimary AND NOT x.indisunique`);
  const drop = rows.filter((r) => variant === "all-secondary" || r.tbl === variant || (variant === "proj" && ["lead","reward","promoter","fulfilment","promotion","promoter_balance"].includes(r.tbl)));
  for (const r of drop) await c.query(`DROP INDEX "${r.idx}"`);
  console.log(`dropped ${drop.length} indexes (${variant})`);
}
const pool = createPool(url, { max: 10 });
const supply = new EventSupply({ seed: 3, startEventId: 40_000_000 });
const N = Number(values.events);
supply.ensure(N + 1000);
const secret = "s3cret-s3cret-s3cret";
async function one() {
  const ev = supply.next();
  const r = await receiveDelivery(pool, { authorization: `Bearer ${secret}`, pathSecret: undefined, contentType: "application/json", contentLength: String(ev.body.byteLength), body: new Response(new Uint8Array(ev.body)).body }, [secret]);
  if (r.status >= 300 && r.status !== 202) throw new Error(JSON.stringify(r));
}
for (let i = 0; i < 500; i++) await one();
const pgCpu = await PostgresCpu.connect(url, name);
const before = await pgCpu.sample();
const c0 = process.cpuUsage(); const t0 = performance.now();
let left = N;
await Promise.all(Array.from({ length: 16 }, async () => { while (left-- > 0) await one(); }));
const after = await pgCpu.sample();
const cu = process.cpuUsage(c0); const t = performance.now() - t0;
const pgms = ((PostgresCpu.used(before, after) ?? NaN) * 1000) / N;
console.log(`drop ${variant}: node ${((cu.user + cu.system) / 1000 / N).toFixed(3)} ms/delivery, postgres ${pgms.toFixed(3)} ms/delivery, ${(N / t * 1000).toFixed(0)}/s`);
await pgCpu.close(); await pool.end(); await c.end();
await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
await admin.end();
