// Demo data for embedded mode: a generated stream posted through the real webhook over HTTP, so the
// demo exercises the same ingestion path as FirstPromoter (duplicates and late deliveries included).
import pg from "pg";
import { type AnyDelivery, describeDelivery, generateMigrationStream } from "../../lib/simulator/generate-stream.ts";
import { createRng } from "../../lib/simulator/prng.ts";
import { sendStream } from "../../lib/simulator/send-stream.ts";

/**
 * The demo account moved from v1 to v2 webhooks: v1 for the first 60% of its history, v2 after, and
 * both for the 5% before the switch (the two subscriptions side by side), so every page shows both.
 */
export const DEMO = { seed: 42, events: 600, duplicates: 0.1, outOfOrder: 0.05, v2From: 0.6, overlap: 0.05 } as const;

/** The demo's deliveries, in sending order before late ones are moved. */
export const demoStream = (now?: Date) =>
  generateMigrationStream({ seed: DEMO.seed, events: DEMO.events, duplicates: DEMO.duplicates, shuffle: false, now, v2From: DEMO.v2From, overlap: DEMO.overlap });

/** Events already stored: demo data goes only into an empty database. */
export async function countEvents(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from webhook_event");
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** Moves about `fraction` of the deliveries a few places later, as a slow network would. */
export function delaySome(deliveries: AnyDelivery[], fraction: number, seed: number): number {
  const rng = createRng(seed, 7);
  const moves = Math.round(deliveries.length * fraction);
  for (let i = 0; i < moves; i++) {
    const from = rng.int(0, deliveries.length - 2);
    const to = Math.min(deliveries.length - 1, from + rng.int(1, 8));
    const [d] = deliveries.splice(from, 1);
    deliveries.splice(to, 0, d as AnyDelivery);
  }
  return moves;
}

export async function loadDemoData(opts: { webhookUrl: string; secret: string; now?: Date }): Promise<string> {
  const started = Date.now();
  const deliveries = demoStream(opts.now);
  const moved = delaySome(deliveries, DEMO.outOfOrder, DEMO.seed);
  // Set in onResponse: typed so that reading it after the await is not narrowed to the initial null.
  let firstError = null as string | null;
  const result = await sendStream({
    url: opts.webhookUrl,
    secret: opts.secret,
    deliveries,
    concurrency: 4,
    onResponse(d, status, body) {
      if ((status === 0 || status >= 300) && !firstError) firstError = `${describeDelivery(d)} → ${status || "no response"} ${JSON.stringify(body)}`;
    },
  });
  const statuses = Object.entries(result.byStatus).map(([s, n]) => `${n}×${s}`).join(", ");
  const summary =
    `${DEMO.events} events (v1, then v2 from ${DEMO.v2From * 100}%) as ${result.sent} deliveries (${Math.round(DEMO.events * DEMO.duplicates)} re-deliveries, ${moved} late) ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s: ${statuses || "no answers"}` +
    (result.failures ? `, ${result.failures} without response` : "");
  return firstError ? `${summary}\n[demo] first problem: ${firstError}` : summary;
}
