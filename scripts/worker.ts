// `npm run worker`: the FirstPromoter outbox worker on its own, for deployments that run their web
// servers with LEDGER_WORKER=0 (or want one more). Needs DATABASE_URL and the FIRSTPROMOTER_* variables
// (.env.example). Any number of workers may run at once: they claim commands by lease.
import { getDb } from "../lib/db/index.ts";
import { apiConfigFromEnv, isConnected } from "../lib/firstpromoter-api/config.ts";
import { OutboxWorker } from "../lib/outbox/worker.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("[worker] DATABASE_URL is not set");
  process.exit(1);
}
const config = apiConfigFromEnv();
if (!isConnected(config)) {
  console.error("[worker] FIRSTPROMOTER_API_KEY and FIRSTPROMOTER_ACCOUNT_ID are not both set: there is nothing to send");
  process.exit(1);
}
const { prisma, pool } = getDb({ connectionString: url });
const worker = new OutboxWorker({ prisma, config });
worker.start();
console.log(`[worker] ${worker.owner}: sending to ${config.url}; stop with Ctrl+C`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void stop(signal));
}

async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing the call under way`);
  await worker.stop();
  await prisma.$disconnect();
  await pool.end();
  process.exit(0);
}
