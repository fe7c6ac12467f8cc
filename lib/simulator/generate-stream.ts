/**
 * A realistic, reproducible stream of FirstPromoter v1 webhook deliveries for the simulator
 * (`npm run simulate`) and the embedded demo data (`npm start`). Same options, same stream: every
 * random choice comes from a PRNG seeded by `seed`, and every date is relative to `now`.
 */
import { createRng } from "./prng.ts";
import { createWorld, nextEvent } from "./events.ts";

export type Delivery = { body: { event: { id: number; type: string; created_at: string }; data: Record<string, unknown> } };

export type GenerateStreamOptions = {
  seed: number;
  /** Distinct events to generate (before re-deliveries). */
  events: number;
  /** Dates are spread over the ~60 days before this. Default: the current time. */
  now?: Date;
  /** Extra re-deliveries of earlier events, as a fraction of `events` (0..1). Default 0. */
  duplicates?: number;
  /** Shuffle the whole list (seeded). Default false. */
  shuffle?: boolean;
  /** event.id of the first event; later ones increase with gaps. Default: derived from the seed (8 digits). */
  startEventId?: number;
};

const SPAN_MS = 60 * 86_400_000 - 3_600_000; // ends an hour before `now`
/** Independent PRNG streams, so turning duplicates or shuffling on leaves the events themselves unchanged. */
const STREAM = { events: 0, duplicates: 1, shuffle: 2 } as const;

export function generateStream(opts: GenerateStreamOptions): Delivery[] {
  const { seed, events, duplicates = 0, shuffle = false } = opts;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isSafeInteger(events) || events < 0) throw new RangeError(`events must be a non-negative integer, got ${events}`);
  if (!(duplicates >= 0 && duplicates <= 1)) throw new RangeError(`duplicates must be a fraction between 0 and 1, got ${duplicates}`);
  const now = (opts.now ?? new Date()).getTime();
  if (!Number.isFinite(now)) throw new RangeError("now must be a valid date");

  const rng = createRng(seed, STREAM.events);
  const world = createWorld(rng);
  let eventId = opts.startEventId ?? rng.int(20_000_000, 29_000_000);
  if (!Number.isSafeInteger(eventId) || eventId < 1) throw new RangeError(`startEventId must be a positive integer, got ${eventId}`);

  const out: Delivery[] = [];
  const start = now - SPAN_MS;
  const step = SPAN_MS / Math.max(events, 1);
  let at = start - 1;
  for (let i = 0; i < events; i++) {
    // One slot per event, jittered inside it; follow-ups (rewards after a new customer…) come soon after their cause.
    const followUp = world.followUps.length > 0;
    const slot = followUp ? at + rng.int(1, Math.max(1, Math.min(5_000, Math.floor(step / 2)))) : Math.floor(start + (i + rng.next() * 0.9) * step);
    at = Math.max(at + 1, slot);
    const { type, data } = nextEvent(world, at);
    out.push({ body: { event: { id: eventId, type, created_at: new Date(at).toISOString() }, data } });
    eventId += rng.int(1, 40);
  }

  out.push(...redeliveries(out, Math.round(events * duplicates), seed));
  if (shuffle) createRng(seed, STREAM.shuffle).shuffle(out);
  return out;
}

/**
 * Identical copies (same event id, same body) of random earlier events. fulfilment_pending is the
 * most common: FirstPromoter sends it again on its fulfilment checks while it stays pending.
 */
function redeliveries(events: Delivery[], count: number, seed: number): Delivery[] {
  if (count === 0 || events.length === 0) return [];
  const rng = createRng(seed, STREAM.duplicates);
  const fulfilments = events.filter((d) => d.body.event.type === "fulfilment_pending");
  const copies: Delivery[] = [];
  for (let i = 0; i < count; i++) {
    const original = fulfilments.length > 0 && rng.chance(0.5) ? rng.pick(fulfilments) : rng.pick(events);
    copies.push(structuredClone(original));
  }
  return copies;
}
