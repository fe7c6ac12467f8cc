// npm run replay -- [--status failed|processed|all]: re-project stored events (e.g. after a schema fix).
import { parseArgs } from "node:util";
import { createPool } from "@/lib/db/pool.ts";
import { replayEvents } from "@/lib/events/replay-events.ts";

const { values } = parseArgs({ options: { status: { type: "string", default: "failed" } } });
const status = values.status;
if (status !== "failed" && status !== "processed" && status !== "all") {
  console.error(`--status must be failed, processed or all (got ${status})`);
  process.exit(2);
}
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: replay runs against the database it names.");
  process.exit(2);
}
const pool = createPool(url, { statement_timeout: 60_000, query_timeout: 65_000 });
try {
  const summary = await replayEvents(pool, { status, onProgress: (n) => process.stdout.write(`\rreplayed ${n}`) });
  console.log(`\nreplayed ${summary.replayed}: ${summary.processed} processed, ${summary.ignored} ignored, ${summary.failed.length} still failing`);
  for (const f of summary.failed.slice(0, 20)) console.log(`  event ${f.externalId}: ${f.message}`);
  process.exitCode = summary.failed.length > 0 ? 1 : 0;
} finally {
  await pool.end();
}
