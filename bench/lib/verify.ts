// What the senders saw (every ingest request's event id and the status it got) and the check against the
// database afterwards: every acknowledged (2xx) event stored exactly once, with its delivery row.
import type { StoredEvents } from "./database.ts";

export class DeliveryLedger {
  /** How many times each event is sent (2: once to each of two instances). */
  constructor(private readonly sendsPerEvent = 1) {}

  /** event id → statuses answered (one per response; an id is sent sendsPerEvent times). */
  private readonly answers = new Map<string, number[]>();
  private readonly sent = new Set<string>();
  /** Events sent per type (the mix actually posted). */
  readonly sentByType = new Map<string, number>();
  /** 2xx responses whose body named another event id than the request carried. */
  bodyMismatches = 0;

  recordSent(id: string, type: string): void {
    this.sent.add(id);
    this.sentByType.set(type, (this.sentByType.get(type) ?? 0) + 1);
  }

  recordResponse(id: string | undefined, status: number, body: string): void {
    if (id === undefined) return;
    const list = this.answers.get(id);
    if (list) list.push(status);
    else this.answers.set(id, [status]);
    if (status >= 200 && status < 300 && !body.includes(`"event_id":"${id}"`)) this.bodyMismatches++;
  }

  get sentCount(): number {
    return this.sent.size;
  }

  verify(stored: StoredEvents): Verification {
    const v: Verification = {
      sent: this.sent.size,
      acknowledged: 0,
      storedOnce: 0,
      missing: [],
      duplicated: [],
      ackedTwice: [],
      ackedButFailed: [],
      deliveryMismatch: [],
      unexpected: [],
      rejectedStored: {},
      rejected: {},
      noResponse: 0,
      noResponseStored: 0,
      bodyMismatches: this.bodyMismatches,
      ok: false,
    };
    for (const id of this.sent) {
      const answers = this.answers.get(id) ?? [];
      const oks = answers.filter((s) => s >= 200 && s < 300).length;
      const row = stored.events.get(id);
      if (answers.length > this.sendsPerEvent) v.ackedTwice.push(id);
      if (oks > 0) {
        v.acknowledged++;
        if (!row) v.missing.push(id);
        else if (row.rows > 1) v.duplicated.push(id);
        else {
          v.storedOnce++;
          if (row.statuses.some((s) => s !== "processed" && s !== "ignored")) v.ackedButFailed.push(`${id} (${row.statuses.join(",")})`);
        }
        const deliveries = stored.okDeliveries.get(id) ?? 0;
        // Sent to two instances, a copy still in flight when the phase ended is stored with no answer recorded.
        const mismatch = this.sendsPerEvent === 1 ? deliveries !== oks : deliveries < oks || deliveries > this.sendsPerEvent;
        if (mismatch) v.deliveryMismatch.push(`${id} (${deliveries} delivery rows for ${oks} acknowledgements)`);
      } else if (answers.length > 0) {
        const status = String(answers[answers.length - 1]);
        v.rejected[status] = (v.rejected[status] ?? 0) + 1;
        if (row) v.rejectedStored[status] = (v.rejectedStored[status] ?? 0) + 1;
      } else {
        v.noResponse++;
        if (row) v.noResponseStored++;
      }
    }
    for (const [id, row] of stored.events) {
      if (!this.sent.has(id)) v.unexpected.push(id);
      else if (row.rows > 1 && !v.duplicated.includes(id)) v.duplicated.push(id);
    }
    v.ok =
      v.acknowledged > 0 &&
      v.missing.length === 0 &&
      v.duplicated.length === 0 &&
      v.ackedTwice.length === 0 &&
      v.ackedButFailed.length === 0 &&
      v.deliveryMismatch.length === 0 &&
      v.unexpected.length === 0 &&
      v.bodyMismatches === 0;
    return v;
  }
}

export type Verification = {
  /** Distinct event ids sent (warm-up included). */
  sent: number;
  /** Of those, answered 2xx. */
  acknowledged: number;
  /** Acknowledged and found exactly once in webhook_event. */
  storedOnce: number;
  /** Acknowledged but not in webhook_event. */
  missing: string[];
  /** More than one webhook_event row for the id. */
  duplicated: string[];
  /** The same id answered more than once (the bench must send each id once). */
  ackedTwice: string[];
  /** Acknowledged, but its row says failed. */
  ackedButFailed: string[];
  /** Acknowledged ids whose 2xx delivery rows don't match the acknowledgements. */
  deliveryMismatch: string[];
  /** Rows for ids the bench never sent. */
  unexpected: string[];
  /** Non-2xx answers by status (last answer per id), and how many of those ids have an event row anyway. */
  rejected: Record<string, number>;
  rejectedStored: Record<string, number>;
  /** Sent without an answer (in flight when a phase ended, or a connection error), and of those, stored. */
  noResponse: number;
  noResponseStored: number;
  bodyMismatches: number;
  ok: boolean;
};
