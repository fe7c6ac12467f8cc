import "server-only";
import { db } from "@/lib/db/index.ts";
import { apiConfigFromEnv, isConnected } from "@/lib/firstpromoter-api/config.ts";
import { OutboxWorker } from "./worker.ts";

// One outbox worker per server process: instrumentation.ts starts it when the server starts, and the
// same process's server actions nudge it after a decision that is due at once (retry, unfulfil).

const slot = globalThis as unknown as { ledgerOutboxWorker?: OutboxWorker | null };

/**
 * Starts this process's worker once (a second call returns the first one: Next may run register()
 * again, and a dev reload re-evaluates modules). LEDGER_WORKER=0 turns it off (test servers, or a
 * deployment that runs `npm run worker` on its own).
 */
export function startOutboxWorker(): OutboxWorker | null {
  if (slot.ledgerOutboxWorker !== undefined) return slot.ledgerOutboxWorker;
  if (process.env.LEDGER_WORKER === "0") {
    slot.ledgerOutboxWorker = null;
    return null;
  }
  const config = apiConfigFromEnv();
  const worker = new OutboxWorker({ prisma: db().prisma, config });
  slot.ledgerOutboxWorker = worker;
  worker.start();
  console.log(
    isConnected(config)
      ? `[outbox] worker ${worker.owner} started: sending to ${config.url}`
      : "[outbox] worker started; FirstPromoter's API is not connected (FIRSTPROMOTER_API_KEY, FIRSTPROMOTER_ACCOUNT_ID): decisions wait as not connected",
  );
  return worker;
}

/** The running worker, if this process has one. */
export function runningWorker(): OutboxWorker | null {
  return slot.ledgerOutboxWorker ?? null;
}

/** Looks for due commands now rather than at the next idle tick (no-op without a worker). */
export function nudgeWorker(): void {
  slot.ledgerOutboxWorker?.nudge();
}

/** Stops this process's worker (finishing and recording the call in progress). */
export async function stopOutboxWorker(): Promise<void> {
  const worker = slot.ledgerOutboxWorker;
  if (worker) await worker.stop();
}
