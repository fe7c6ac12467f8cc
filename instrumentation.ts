// Next.js calls register() once when a server process starts (next start, and scripts/server.ts's
// next() + prepare()). Ledger starts its outbox worker there: in the Node.js runtime only, never in
// the Edge runtime (proxy.ts), and once per process (lib/outbox/start-worker.ts guards a second call),
// and the version-key backfill of an upgrade (a no-op once done).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startOutboxWorker } = await import("./lib/outbox/start-worker.ts");
  startOutboxWorker();
  // Upgrades from before v2: stored version keys rewritten in batches (lib/db/backfill-version-keys.ts).
  const [{ db }, { startVersionKeyBackfill }] = await Promise.all([import("./lib/db/index.ts"), import("./lib/db/backfill-version-keys.ts")]);
  void startVersionKeyBackfill(db().pool);
}
