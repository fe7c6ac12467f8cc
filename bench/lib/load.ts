// One load phase: autocannon's programmatic API, `connections` keep-alive connections, one request in flight on
// each. Every request's body comes from `nextBody()` (setupRequest), so each ingest request is a distinct event;
// its response is reported back with the event id it carried (onResponse, same connection context). Latencies
// are taken here too (setupRequest runs just before the request is written), so slices of a phase can be merged.
import autocannon from "autocannon";

export type Body = { id?: string; body: Buffer };

export type PhaseResult = {
  /** Seconds the phase ran (autocannon's own measure). */
  duration: number;
  /** Responses, 2xx responses, other responses, by status. */
  completed: number;
  ok: number;
  non2xx: number;
  byStatus: Record<string, number>;
  /** Connection errors and timeouts autocannon counted. */
  errors: number;
  timeouts: number;
  /** 2xx responses per second. */
  rate: number;
  /** Latency of every response, ms. */
  latencies: Float64Array;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** CPU seconds the server process used during the phase (null where /proc is unavailable). */
  serverCpu: number | null;
  /** CPU seconds the Postgres backends of the bench database used during the phase (set by the caller). */
  dbCpu: number | null;
  /** Share of the whole machine's CPU left idle during the phase, 0–1 (set by the caller). */
  machineIdle: number | null;
};

export type LoadOptions = {
  url: string;
  path: string;
  headers: Record<string, string>;
  connections: number;
  /** Run for this many seconds… */
  duration?: number;
  /** …or until this many responses. */
  amount?: number;
  /** Request timeout in seconds. */
  timeout?: number;
  nextBody(): Body;
  onResponse?(id: string | undefined, status: number, body: string): void;
  /** CPU seconds used so far by the server, read before and after the phase. */
  serverCpu?(): number | null;
};

/** The running phase, so a signal handler can stop it early. */
let running: autocannon.Instance | undefined;

export function stopRunningLoad(): void {
  running?.stop();
}

export function runLoad(opts: LoadOptions): Promise<PhaseResult> {
  const latencies: number[] = [];
  const byStatus: Record<string, number> = {};
  const cpuBefore = opts.serverCpu?.() ?? null;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        pipelining: 1,
        timeout: opts.timeout ?? 20,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 10 }),
        requests: [
          {
            method: "POST",
            path: opts.path,
            headers: opts.headers,
            setupRequest(req, context) {
              const next = opts.nextBody();
              context.id = next.id;
              context.sentAt = performance.now();
              return { ...req, body: next.body };
            },
            onResponse(status, body, context) {
              latencies.push(performance.now() - (context.sentAt as number));
              byStatus[status] = (byStatus[status] ?? 0) + 1;
              opts.onResponse?.(context.id as string | undefined, status, body);
            },
          },
        ],
      },
      (err, result) => {
        running = undefined;
        if (err) { reject(err); return; }
        const cpuAfter = opts.serverCpu?.() ?? null;
        resolve(
          phaseResult({
            duration: result.duration,
            byStatus,
            latencies: Float64Array.from(latencies),
            errors: result.errors,
            timeouts: result.timeouts,
            serverCpu: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
          }),
        );
      },
    );
    running = instance;
    instance.on("error", reject);
  });
}

type Raw = Pick<PhaseResult, "duration" | "byStatus" | "latencies" | "errors" | "timeouts" | "serverCpu"> & { dbCpu?: number | null; machineIdle?: number | null };

function phaseResult(raw: Raw): PhaseResult {
  let ok = 0;
  let completed = 0;
  for (const [code, n] of Object.entries(raw.byStatus)) {
    completed += n;
    if (Number(code) >= 200 && Number(code) < 300) ok += n;
  }
  const sorted = raw.latencies.slice().sort();
  const at = (q: number) => (sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number) : Number.NaN);
  return {
    ...raw,
    dbCpu: raw.dbCpu ?? null,
    machineIdle: raw.machineIdle ?? null,
    completed,
    ok,
    non2xx: completed - ok,
    rate: raw.duration > 0 ? ok / raw.duration : 0,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
  };
}

/** Several slices of the same phase (interleaved with the other route's) as one result. */
export function mergePhases(parts: PhaseResult[]): PhaseResult {
  const byStatus: Record<string, number> = {};
  for (const p of parts) for (const [code, n] of Object.entries(p.byStatus)) byStatus[code] = (byStatus[code] ?? 0) + n;
  const latencies = new Float64Array(parts.reduce((s, p) => s + p.latencies.length, 0));
  let offset = 0;
  for (const p of parts) {
    latencies.set(p.latencies, offset);
    offset += p.latencies.length;
  }
  const cpus = parts.map((p) => p.serverCpu);
  const dbCpus = parts.map((p) => p.dbCpu);
  const duration = parts.reduce((s, p) => s + p.duration, 0);
  return phaseResult({
    duration,
    byStatus,
    latencies,
    errors: parts.reduce((s, p) => s + p.errors, 0),
    timeouts: parts.reduce((s, p) => s + p.timeouts, 0),
    serverCpu: cpus.every((c) => c !== null) ? cpus.reduce((s: number, c) => s + (c), 0) : null,
    dbCpu: dbCpus.every((c) => c !== null) ? dbCpus.reduce((s: number, c) => s + (c), 0) : null,
    machineIdle:
      duration > 0 && parts.every((p) => p.machineIdle !== null)
        ? parts.reduce((s, p) => s + (p.machineIdle as number) * p.duration, 0) / duration
        : null,
  });
}

/**
 * Phases that ran at the same time (one per server instance) as one: rates add up over the longest
 * duration; the server CPU is the instances' total, which each part already measured.
 */
export function sumPhases(parts: PhaseResult[]): PhaseResult {
  const merged = mergePhases(parts);
  const duration = Math.max(...parts.map((p) => p.duration));
  return phaseResult({
    duration,
    byStatus: merged.byStatus,
    latencies: merged.latencies,
    errors: merged.errors,
    timeouts: merged.timeouts,
    serverCpu: parts[0]?.serverCpu ?? null,
    dbCpu: parts[0]?.dbCpu ?? null,
    machineIdle: parts[0]?.machineIdle ?? null,
  });
}
