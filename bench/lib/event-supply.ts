// Pre-generated, pre-serialised webhook bodies for the benchmark: every event id unique across the whole run,
// mixed types, realistic bodies (lib/simulator's seeded generator, in chunks so memory and set-up time follow
// the rate actually reached).
import { generateStream } from "../../lib/simulator/generate-stream.ts";

export type PreparedEvent = { id: string; type: string; body: Buffer };

export type EventSupplyOptions = {
  seed: number;
  /** event.id of the first event; later ones increase (with gaps), across chunks too. */
  startEventId: number;
  /** Events per generateStream call. */
  chunkSize?: number;
  /** Dates are spread over the ~60 days before this. */
  now?: Date;
};

export class EventSupply {
  private queue: PreparedEvent[] = [];
  private head = 0;
  private nextEventId: number;
  private chunks = 0;
  private readonly chunkSize: number;
  private readonly now: Date;
  /** Chunks generated on demand while load was running (each stalls the load generator briefly). */
  dryRuns = 0;
  generated = 0;
  generateMs = 0;

  constructor(private readonly opts: EventSupplyOptions) {
    this.nextEventId = opts.startEventId;
    this.chunkSize = opts.chunkSize ?? 5_000;
    this.now = opts.now ?? new Date();
  }

  get remaining(): number {
    return this.queue.length - this.head;
  }

  /** Generates chunks until at least n events are ready (call between phases, never during one). */
  ensure(n: number): void {
    while (this.remaining < n) this.generateChunk(Math.max(this.chunkSize, Math.min(n - this.remaining, 50_000)));
  }

  /** The next unused event; generates a (small) chunk on the spot if the supply ran dry. */
  next(): PreparedEvent {
    if (this.head >= this.queue.length) {
      this.dryRuns++;
      this.generateChunk(2_000);
    }
    return this.queue[this.head++] as PreparedEvent;
  }

  private generateChunk(events: number): void {
    const started = performance.now();
    // Drop what was consumed, so a long run doesn't keep every body alive.
    if (this.head > 0) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    const stream = generateStream({
      seed: this.opts.seed * 1_000 + this.chunks++,
      events,
      startEventId: this.nextEventId,
      now: this.now,
    });
    for (const { body } of stream) {
      this.queue.push({ id: String(body.event.id), type: body.event.type, body: Buffer.from(JSON.stringify(body)) });
      this.nextEventId = Math.max(this.nextEventId, body.event.id + 1);
    }
    this.generated += stream.length;
    this.generateMs += performance.now() - started;
  }
}

/** A fixed set of bodies cycled for the no-op route (same sizes and shapes; ids don't matter there). */
export function noopBodies(seed: number, count: number, now: Date): Buffer[] {
  return generateStream({ seed: seed * 1_000 + 999, events: count, startEventId: 1, now }).map(({ body }) =>
    Buffer.from(JSON.stringify(body)),
  );
}
