import pg from "pg";
import { isConnectionFailure } from "./errors.ts";

/**
 * How long a batch waits for a row lock before it gives way. Two batches (two ingest connections, two app
 * processes, or a batch and a dashboard review) can lock the same rows in opposite orders; Postgres would
 * only break that deadlock after deadlock_timeout (1 s by default, superuser-only), stalling every delivery
 * behind both (measured: p90 over 1 s with two ingest connections). A batch that waits longer than this is
 * rolled back and its statements run again one by one, which lock in one consistent order.
 */
const BATCH_LOCK_TIMEOUT_MS = 100;

/**
 * A few connections in pg's pipeline mode, shared by every caller, for the webhook's one-statement
 * ingest, with group commit: the statements that concurrent deliveries issue while a connection is
 * busy leave together, in one socket write, as one transaction (BEGIN, the statements, COMMIT).
 *
 * - One commit is one WAL flush (fdatasync), and with a single backend nothing else would share it:
 *   on a virtual disk the flush was a fifth of Postgres's CPU per delivery and a third of its
 *   backend's time (bench:ingest-cost with synchronous_commit off: 0.60 instead of 0.76 ms of CPU,
 *   1,540 instead of 1,000 deliveries a second). A batch of n statements pays for one.
 * - Nobody is answered before the COMMIT that holds their statement: a statement's promise settles
 *   with the batch. Nothing is half-written: a batch commits whole or not at all.
 * - One failing statement must still fail alone. If any statement of a batch fails (or the COMMIT
 *   does, or it waits for a lock longer than BATCH_LOCK_TIMEOUT_MS), the transaction is rolled back
 *   and every statement of the batch is run again on its own
 *   (pg sends Sync after each, so each is then its own implicit transaction); each caller gets the
 *   answer of its own statement. A dropped connection fails a whole batch transaction as 'unavailable'
 *   (its COMMIT may or may not have happened, as for a single statement); statements run one by one
 *   keep the answers they got before the drop. The next batch reconnects.
 * - At low load a batch is one statement, sent as it is (no BEGIN/COMMIT), one turn of the event
 *   loop after it was issued. Batches hold at most `maxBatch` statements; while a connection's batch
 *   is in flight the next statements wait in memory, so a batch also waits at most for one other.
 *
 * Not for transactions of callers' own (a BEGIN would span other callers' statements) nor cursors;
 * the dashboard and admin actions keep the pool. Not used in embedded mode: PGlite serves one session
 * for all connections (lib/db/pool.ts), so the webhook shares the pool's single connection there.
 */
export class PipelinedConnections {
  private readonly slots: Slot[];
  private ended = false;

  constructor(
    private readonly config: pg.ClientConfig,
    size: number,
    /** Statements per batch (one transaction); more wait for the next batch. */
    private readonly maxBatch = 64,
  ) {
    this.slots = Array.from({ length: size }, () => ({ client: null, queue: [], sending: false, scheduled: false }));
  }

  query<Row extends pg.QueryResultRow>(q: pg.QueryConfig): Promise<pg.QueryResult<Row>> {
    if (this.ended) return Promise.reject(closed());
    const slot = this.leastBusy();
    return new Promise<pg.QueryResult<Row>>((resolve, reject) => {
      slot.queue.push({ q, resolve: resolve as Pending["resolve"], reject });
      this.schedule(slot);
    });
  }

  async end(): Promise<void> {
    this.ended = true;
    const clients = this.slots.map((s) => s.client);
    for (const s of this.slots) s.client = null;
    await Promise.all(clients.map(async (c) => (await c?.catch(() => null))?.end().catch(() => {})));
  }

  private leastBusy(): Slot {
    // Statements waiting, plus the batch in flight (counted as one).
    const load = (s: Slot) => s.queue.length + (s.sending ? 1 : 0);
    let best = this.slots[0] as Slot;
    for (const s of this.slots) if (load(s) < load(best)) best = s;
    return best;
  }

  /** Sends the slot's waiting statements after this turn of the event loop (so they gather into one batch). */
  private schedule(slot: Slot): void {
    if (slot.scheduled || slot.sending) return;
    slot.scheduled = true;
    setImmediate(() => {
      slot.scheduled = false;
      if (this.ended) {
        // end() was called with statements still waiting: refuse them rather than open a new connection.
        for (const p of slot.queue.splice(0)) p.reject(closed());
        return;
      }
      if (slot.sending || slot.queue.length === 0) return;
      slot.sending = true;
      const batch = slot.queue.splice(0, this.maxBatch);
      void this.send(slot, batch).finally(() => {
        slot.sending = false;
        if (slot.queue.length > 0) this.schedule(slot);
      });
    });
  }

  private async send(slot: Slot, batch: Pending[]): Promise<void> {
    const connecting = this.clientOf(slot);
    let results: PromiseSettledResult<pg.QueryResult>[];
    try {
      const client = await connecting;
      results = batch.length === 1 ? await this.alone(client, batch) : await this.together(client, batch);
    } catch (err) {
      results = batch.map(() => ({ status: "rejected", reason: err }));
    }
    // The connection is gone (its 'end' event may come later): the next batch opens a new one.
    const lost = results.some((r) => r.status === "rejected" && isConnectionFailure(r.reason));
    if (lost && slot.client === connecting) {
      slot.client = null;
      connecting.then((c) => c.end()).catch(() => {});
    }
    results.forEach((r, i) => (r.status === "fulfilled" ? batch[i]?.resolve(r.value) : batch[i]?.reject(r.reason)));
  }

  /**
   * Each statement its own implicit transaction, written back to back in one write. Each caller gets its
   * own statement's answer, also when the connection drops after some of them committed.
   */
  private alone(client: pg.Client, batch: Pending[]): Promise<PromiseSettledResult<pg.QueryResult>[]> {
    return Promise.allSettled(corked(client, () => batch.map((p) => client.query(p.q))));
  }

  /** The batch as one transaction; if anything in it fails, each statement again on its own. */
  private async together(client: pg.Client, batch: Pending[]): Promise<PromiseSettledResult<pg.QueryResult>[]> {
    const sent = corked(client, () => [
      client.query(`BEGIN; SET LOCAL lock_timeout = ${BATCH_LOCK_TIMEOUT_MS}`), // one message: two statements
      ...batch.map((p) => client.query(p.q)),
      client.query("COMMIT"),
    ]);
    const settled = await Promise.allSettled(sent);
    // Connection lost: whether the COMMIT happened is unknown, so every statement of the batch fails with it.
    const lost = settled.find((r) => r.status === "rejected" && isConnectionFailure(r.reason));
    if (lost) return batch.map(() => lost);
    const commit = settled[settled.length - 1];
    // A COMMIT after a failed statement answers ROLLBACK (no error): nothing of the batch was kept.
    const committed = settled.every((r) => r.status === "fulfilled") && commit?.status === "fulfilled" && commit.value.command === "COMMIT";
    if (committed) return settled.slice(1, -1);
    return this.alone(client, batch);
  }

  private clientOf(slot: Slot): Promise<pg.Client> {
    if (slot.client) return slot.client;
    const client = new pg.Client({ ...this.config, pipeline: true });
    const forget = () => {
      if (slot.client === connecting) slot.client = null;
    };
    // A dropped connection (database restart) fails what was in flight on it; the next query reconnects.
    client.on("error", (err) => {
      console.error("[db] pipelined connection error:", err.message);
      forget();
    });
    client.on("end", forget);
    const connecting = client.connect().then(
      () => client,
      (err: unknown) => {
        forget();
        client.end().catch(() => {});
        throw err;
      },
    );
    slot.client = connecting;
    return connecting;
  }
}

/** Classified as 'database unavailable' (lib/db/errors.ts), like any other unqueryable client. */
const closed = () => new Error("Client has encountered a connection error and is not queryable (pipeline closed)");

/** Runs `write` (which issues queries) with the client's socket corked, so its messages leave in one write. */
export function corked<T>(client: pg.ClientBase, write: () => T): T {
  const socket = socketOf(client);
  socket?.cork?.();
  try {
    return write();
  } finally {
    socket?.uncork?.();
  }
}

/**
 * The socket under a pg client (not public API: pg keeps it at client.connection.stream), to cork it
 * while a query's messages are written so they leave in one write. Undefined if pg moves it.
 */
function socketOf(client: pg.ClientBase): { cork?(): void; uncork?(): void } | undefined {
  return (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
}

type Pending = { q: pg.QueryConfig; resolve(result: pg.QueryResult): void; reject(err: unknown): void };

type Slot = {
  client: Promise<pg.Client> | null;
  /** Statements not yet sent. */
  queue: Pending[];
  /** A batch is in flight. */
  sending: boolean;
  /** A send is due after this turn of the event loop. */
  scheduled: boolean;
};
