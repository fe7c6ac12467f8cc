// `npm run simulate -- --url http://127.0.0.1:3000/api/webhooks/firstpromoter --secret S --events N
//    [--version v1|v2|migration] [--seed 1] [--duplicates 0.3] [--shuffle] [--concurrency 8] [--start-event-id N]
//    [--allow-remote] [--verbose]`
// Posts a reproducible (seeded) FirstPromoter stream (v1, v2, or v1 then v2) to a Ledger webhook, then
// prints the answers by status.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type AnyDelivery, describeDelivery, generateMigrationStream, generateStream, generateV2Stream } from "../lib/simulator/generate-stream.ts";
import { sendStream } from "../lib/simulator/send-stream.ts";
import { isLoopbackHost } from "./lib/net.ts";

const USAGE = `Usage: npm run simulate -- --events N [options]

  --url URL             v1 webhook URL (default http://127.0.0.1:\${PORT:-3000}/api/webhooks/firstpromoter);
                        v2 deliveries go to the same URL + /v2
  --version V           v1 (default), v2 (the same world in FirstPromoter's v2 webhooks: a few per v1 event),
                        or migration (v1 for the first 60% of events, v2 after, both for the 5% before)
  --secret S            webhook secret (default: WEBHOOK_SECRET, else the embedded data folder's webhook-secret)
  --events N            distinct events to generate (1-1000000)
  --seed N              PRNG seed; the same seed gives the same stream (default 1)
  --duplicates F        extra re-deliveries as a fraction of --events, 0..1 (default 0)
  --shuffle             deliver in random (seeded) order
  --concurrency N       requests in flight (default 8)
  --start-event-id N    event.id of the first event (default: derived from the seed)
  --allow-remote        allow a URL that is not on this machine
  --verbose             print every answer, not only the first problems`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: "string" },
      secret: { type: "string" },
      version: { type: "string", default: "v1" },
      events: { type: "string" },
      seed: { type: "string", default: "1" },
      duplicates: { type: "string", default: "0" },
      shuffle: { type: "boolean", default: false },
      concurrency: { type: "string", default: "8" },
      "start-event-id": { type: "string" },
      "allow-remote": { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }

  const url = checkUrl(values.url ?? `http://127.0.0.1:${process.env.PORT || 3000}/api/webhooks/firstpromoter`, values["allow-remote"]);
  if (values.events === undefined) throw new UsageError("--events is required");
  const version = values.version;
  if (version !== "v1" && version !== "v2" && version !== "migration") throw new UsageError(`--version must be v1, v2 or migration, got "${version}"`);
  return {
    url,
    version,
    secret: values.secret ?? defaultSecret(),
    events: integer("--events", values.events, 1, 1_000_000),
    seed: integer("--seed", values.seed, -(2 ** 31), 2 ** 31 - 1),
    duplicates: fraction("--duplicates", values.duplicates),
    shuffle: values.shuffle,
    concurrency: integer("--concurrency", values.concurrency, 1, 256),
    startEventId: values["start-event-id"] === undefined ? undefined : integer("--start-event-id", values["start-event-id"], 1, Number.MAX_SAFE_INTEGER),
    verbose: values.verbose,
  };
}

function checkUrl(raw: string, allowRemote: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url is not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--url must be http(s), got ${url.protocol}`);
  if (!allowRemote && !isLoopbackHost(url.hostname))
    throw new UsageError(`--url points at ${url.hostname}, not this machine: pass --allow-remote to post simulated events there`);
  return url.toString();
}

function defaultSecret(): string {
  if (process.env.WEBHOOK_SECRET) return process.env.WEBHOOK_SECRET;
  const file = path.join(process.env.LEDGER_DATA_DIR ? path.resolve(process.env.LEDGER_DATA_DIR) : fileURLToPath(new URL("../.ledger", import.meta.url)), "webhook-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    throw new UsageError(`--secret is required (no WEBHOOK_SECRET, and no ${file})`);
  }
}

function integer(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

function fraction(name: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${name} must be a number from 0 to 1, got "${raw}"`);
  return n;
}

const clip = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);

async function main(): Promise<number> {
  const opts = parse(process.argv.slice(2));
  const streamOpts = { seed: opts.seed, events: opts.events, duplicates: opts.duplicates, shuffle: opts.shuffle, startEventId: opts.startEventId };
  const deliveries: AnyDelivery[] =
    opts.version === "v2" ? generateV2Stream(streamOpts) : opts.version === "migration" ? generateMigrationStream({ ...streamOpts, v2From: 0.6, overlap: 0.05 }) : generateStream(streamOpts);
  const copies = Math.round(opts.events * opts.duplicates);
  console.log(
    `[simulate] posting ${deliveries.length} ${opts.version} deliveries (${opts.events} world events, seed ${opts.seed}, ` +
      `${copies} re-deliveries${opts.shuffle ? ", shuffled" : ""}) to ${opts.url}${opts.version === "v1" ? "" : " (v2: …/v2)"} with concurrency ${opts.concurrency}`,
  );
  const started = Date.now();
  let problems = 0;
  const result = await sendStream({
    url: opts.url,
    secret: opts.secret,
    deliveries,
    concurrency: opts.concurrency,
    onResponse(d, status, body) {
      if (status === 0 || status >= 300) problems++;
      if (opts.verbose || ((status === 0 || status >= 300) && problems <= 5))
        console.log(`  ${describeDelivery(d)} → ${status || "no response"} ${clip(body === undefined ? "" : JSON.stringify(body))}`);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const byStatus = Object.entries(result.byStatus).map(([status, n]) => `${status}: ${n}`).join(", ");
  console.log(
    `[simulate] ${result.sent} sent in ${seconds.toFixed(1)} s (${Math.round(result.sent / Math.max(seconds, 0.001))}/s) — ` +
      `${byStatus || "no answers"}${result.failures ? `; ${result.failures} without response` : ""}`,
  );
  if (problems > 5) console.log(`[simulate] ${problems - 5} more problems not shown (--verbose shows every answer)`);
  // 2xx only: 200 stored (or duplicate), 202 fulfilment awaiting review.
  return problems > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    console.error(`[simulate] ${err instanceof Error ? err.message : String(err)}${usage ? "\n\n" + USAGE : ""}`);
    process.exit(usage ? 2 : 1);
  },
);
