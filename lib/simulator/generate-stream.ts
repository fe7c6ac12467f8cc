/**
 * A realistic, reproducible stream of FirstPromoter webhook deliveries for the simulator
 * (`npm run simulate`) and the embedded demo data (`npm start`). Same options, same stream: every
 * random choice comes from a PRNG seeded by `seed`, and every date is relative to `now`. One seeded
 * world (events.ts) is told in v1 (generateStream), in v2 (generateV2Stream: v2-events.ts), or in v1
 * until a cut-over and v2 after it, with both sent for a while (generateMigrationStream).
 */
import { createRng } from "./prng.ts";
import { createWorld, nextEvent } from "./events.ts";
import { type V2Body, V2Translator } from "./v2-events.ts";

export type { V2Body };
/** A v1 delivery (format is left out by the v1-only stream). */
export type Delivery = { format?: "v1"; body: { event: { id: number; type: string; created_at: string }; data: Record<string, unknown> } };
export type V2Delivery = { format: "v2"; body: V2Body };
export type AnyDelivery = Delivery | V2Delivery;

export const isV2 = (d: AnyDelivery): d is V2Delivery => d.format === "v2";
/** "type id", for messages. */
export const describeDelivery = (d: AnyDelivery) => (isV2(d) ? `${d.body.event_type} ${d.body.event_id}` : `${d.body.event.type} ${d.body.event.id}`);
export const deliveryId = (d: AnyDelivery) => (isV2(d) ? `v2:${d.body.event_id}` : `v1:${d.body.event.id}`);

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
const STREAM = { events: 0, duplicates: 1, shuffle: 2, v2: 3 } as const;

/** The world's events in order, as v1 bodies with their times (before re-deliveries and shuffling). */
function worldEvents(opts: GenerateStreamOptions): { body: Delivery["body"]; at: number }[] {
  const { seed, events } = opts;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isSafeInteger(events) || events < 0) throw new RangeError(`events must be a non-negative integer, got ${events}`);
  const now = (opts.now ?? new Date()).getTime();
  if (!Number.isFinite(now)) throw new RangeError("now must be a valid date");

  const rng = createRng(seed, STREAM.events);
  const world = createWorld(rng);
  let eventId = opts.startEventId ?? rng.int(20_000_000, 29_000_000);
  if (!Number.isSafeInteger(eventId) || eventId < 1) throw new RangeError(`startEventId must be a positive integer, got ${eventId}`);

  const out: { body: Delivery["body"]; at: number }[] = [];
  const start = now - SPAN_MS;
  const step = SPAN_MS / Math.max(events, 1);
  let at = start - 1;
  for (let i = 0; i < events; i++) {
    // One slot per event, jittered inside it; follow-ups (rewards after a new customer…) come soon after their cause.
    const followUp = world.followUps.length > 0;
    const slot = followUp ? at + rng.int(1, Math.max(1, Math.min(5_000, Math.floor(step / 2)))) : Math.floor(start + (i + rng.next() * 0.9) * step);
    at = Math.max(at + 1, slot);
    const { type, data } = nextEvent(world, at);
    out.push({ body: { event: { id: eventId, type, created_at: new Date(at).toISOString() }, data }, at });
    eventId += rng.int(1, 40);
  }
  return out;
}

function checkOptions(opts: GenerateStreamOptions): void {
  const { duplicates = 0 } = opts;
  if (!(duplicates >= 0 && duplicates <= 1)) throw new RangeError(`duplicates must be a fraction between 0 and 1, got ${duplicates}`);
}

/** Re-deliveries and shuffling, the same for every format. */
function finish<D extends AnyDelivery>(out: D[], opts: GenerateStreamOptions): D[] {
  out.push(...redeliveries(out, Math.round(opts.events * (opts.duplicates ?? 0)), opts.seed));
  if (opts.shuffle) createRng(opts.seed, STREAM.shuffle).shuffle(out);
  return out;
}

/** The world told in v1 webhooks. */
export function generateStream(opts: GenerateStreamOptions): Delivery[] {
  checkOptions(opts);
  return finish(worldEvents(opts).map((e): Delivery => ({ body: e.body })), opts);
}

/** The world told in v2 webhooks: each v1 event becomes the v2 events FirstPromoter sends for that change (a few per event). */
export function generateV2Stream(opts: GenerateStreamOptions): V2Delivery[] {
  checkOptions(opts);
  const translator = new V2Translator(createRng(opts.seed, STREAM.v2));
  const out = worldEvents(opts).flatMap((e) => translator.translate(e.body.event.type, e.body.data, e.at).map((body): V2Delivery => ({ format: "v2", body })));
  return finish(out, opts);
}

/**
 * An account moving from v1 to v2 webhooks: the first `v2From` of the events (a fraction) are sent
 * in v1, the rest in v2, and the `overlap` before the cut-over in both (the two subscriptions side by
 * side). Records named by both keep one row each (the id assumption).
 */
export function generateMigrationStream(opts: GenerateStreamOptions & { v2From: number; overlap?: number }): AnyDelivery[] {
  checkOptions(opts);
  const all = worldEvents(opts);
  const cut = Math.round(all.length * opts.v2From);
  const bothFrom = Math.max(0, cut - Math.round(all.length * (opts.overlap ?? 0)));
  const translator = new V2Translator(createRng(opts.seed, STREAM.v2));
  const out: AnyDelivery[] = [];
  all.forEach((e, i) => {
    // Translated whatever is sent, so the v2 side knows what came before the cut-over (for `changes`).
    const v2 = translator.translate(e.body.event.type, e.body.data, e.at);
    if (i < cut) out.push({ body: e.body });
    if (i >= bothFrom) out.push(...v2.map((body): V2Delivery => ({ format: "v2", body })));
  });
  return finish(out, opts);
}

/**
 * Identical copies (same event id, same body) of random earlier events. fulfilment_pending is the
 * most common: FirstPromoter sends it again on its fulfilment checks while it stays pending.
 */
function redeliveries<D extends AnyDelivery>(events: D[], count: number, seed: number): D[] {
  if (count === 0 || events.length === 0) return [];
  const rng = createRng(seed, STREAM.duplicates);
  const fulfilments = events.filter((d) => !isV2(d) && d.body.event.type === "fulfilment_pending");
  const copies: D[] = [];
  for (let i = 0; i < count; i++) {
    const original = fulfilments.length > 0 && rng.chance(0.5) ? rng.pick(fulfilments) : rng.pick(events);
    copies.push(structuredClone(original));
  }
  return copies;
}
