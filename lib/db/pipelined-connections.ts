import pg from "pg";
import { isConnectionFailure } from "./errors.ts";

/**
 * A few connections in pg's pipeline mode, shared by every caller, for the webhook's one-statement
 * ingest. Each query is still its own implicit transaction (pg sends Sync after every query, so one
 * failing statement fails alone), but the queries of concurrent deliveries are written back to back
 * without waiting for each other's answers, and the ones issued in the same turn of the event loop
 * leave in one socket write (the socket is corked until setImmediate).
 *
 * Why: on this kind of machine a round trip per statement cost Node more CPU than building and
 * validating the event (each write wakes Postgres and the answer wakes Node; measured in
 * bench/ingest-cost.ts), and Node's one JavaScript thread is what limits the webhook's throughput.
 *
 * Not for transactions (a BEGIN would span other callers' statements) nor cursors; the dashboard and
 * admin actions keep the pool. Not used in embedded mode: PGlite serves one session for all
 * connections (lib/db/pool.ts), so the webhook shares the pool's single connection there.
 */
export class PipelinedConnections {
  private readonly slots: Slot[];
  private ended = false;

  constructor(
    private readonly config: pg.ClientConfig,
    size: number,
    /** Statements written but not yet answered, per connection; more wait in memory. */
    private readonly maxInFlight = 64,
  ) {
    this.slots = Array.from({ length: size }, () => ({ client: null, inFlight: 0, corked: false, waiting: [] }));
  }

  async query<Row extends pg.QueryResultRow>(q: pg.QueryConfig): Promise<pg.QueryResult<Row>> {
    if (this.ended) throw new Error("Client has encountered a connection error and is not queryable (pipeline closed)");
    const slot = this.leastBusy();
    if (slot.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => slot.waiting.push(resolve));
    slot.inFlight++;
    const connecting = this.clientOf(slot);
    try {
      const client = await connecting;
      const socket = socketOf(client);
      if (!slot.corked && socket?.cork && socket.uncork) {
        // Statements issued in this turn of the event loop leave in one write.
        slot.corked = true;
        socket.cork();
        setImmediate(() => {
          slot.corked = false;
          socket.uncork?.();
        });
      }
      return await client.query<Row>(q);
    } catch (err) {
      // The connection is gone (its 'end' event may come later): the next statement opens a new one.
      if (isConnectionFailure(err) && slot.client === connecting) {
        slot.client = null;
        connecting.then((c) => c.end()).catch(() => {});
      }
      throw err;
    } finally {
      slot.inFlight--;
      slot.waiting.shift()?.();
    }
  }

  async end(): Promise<void> {
    this.ended = true;
    const clients = this.slots.map((s) => s.client);
    for (const s of this.slots) s.client = null;
    await Promise.all(clients.map(async (c) => (await c?.catch(() => null))?.end().catch(() => {})));
  }

  private leastBusy(): Slot {
    let best = this.slots[0] as Slot;
    for (const s of this.slots) if (s.inFlight < best.inFlight) best = s;
    return best;
  }

  private clientOf(slot: Slot): Promise<pg.Client> {
    if (slot.client) return slot.client;
    const client = new pg.Client({ ...this.config, pipeline: true } as pg.ClientConfig);
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

/**
 * The socket under a pg client (not public API: pg keeps it at client.connection.stream), to cork it
 * while a query's messages are written so they leave in one write. Undefined if pg moves it.
 */
export function socketOf(client: pg.ClientBase): { cork?(): void; uncork?(): void } | undefined {
  return (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
}

type Slot = {
  client: Promise<pg.Client> | null;
  inFlight: number;
  corked: boolean;
  waiting: (() => void)[];
};
