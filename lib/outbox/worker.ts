import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { ApiError, type ApiClient, createApiClient } from "@/lib/firstpromoter-api/client.ts";
import { type ApiConfig, isConnected, keyFingerprint } from "@/lib/firstpromoter-api/config.ts";
import { type Batch, type Commission, isCompleteSuccess } from "@/lib/firstpromoter-api/schemas.ts";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { RetryPolicy } from "./backoff.ts";
import { type Claim, claimCommands, hasDueCommands } from "./claim-commands.ts";
import { getConnection, pauseSends, rateLimitUntil, recordError, recordProbe, recordSuccess } from "./connection.ts";
import { takeTokens } from "./rate-budget.ts";
import { type Outcome, recordOutcomes } from "./record-outcomes.ts";
import {
  type Seen,
  type Transition,
  afterAccepted,
  afterBatchPending,
  afterPartial,
  afterReadBack,
  afterRetryable,
  afterSuccess,
} from "./transitions.ts";

// The outbox worker: claims due commands by lease, calls FirstPromoter (never inside a transaction),
// and records the answer in a transaction of its own. One runs in every server process (started from
// instrumentation.ts) and `npm run worker` runs one alone; any number can run side by side.

export type WorkerOptions = {
  prisma: PrismaClient;
  config: ApiConfig;
  /** Defaults to the real client for `config`. */
  client?: ApiClient;
  /** Injected in tests (backoff, the 3-day limit, leases). */
  clock?: () => Date;
  random?: () => number;
  policy?: RetryPolicy;
  /** Claims last this long: longer than a call's time-out plus recording it. */
  leaseMs?: number;
  /** How often an idle worker looks for due commands. */
  idleMs?: number;
  /** While FirstPromoter refuses the key, a cheap call checks it this often. */
  probeMs?: number;
  /** A tick makes at most this many calls before it yields. */
  maxCallsPerTick?: number;
  owner?: string;
  log?: (message: string) => void;
};

export type TickResult = { calls: number; stoppedBy?: "not_connected" | "paused" | "rate_limited" | "no_token" | "idle" };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class OutboxWorker {
  readonly owner: string;
  private readonly prisma: PrismaClient;
  private readonly config: ApiConfig;
  private readonly client: ApiClient | null;
  private readonly clock: () => Date;
  private readonly opts: Required<Pick<WorkerOptions, "leaseMs" | "idleMs" | "probeMs" | "maxCallsPerTick">> & Pick<WorkerOptions, "random" | "policy">;
  private readonly log: (message: string) => void;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private lastLoggedError = "";

  constructor(o: WorkerOptions) {
    this.prisma = o.prisma;
    this.config = o.config;
    this.client = o.client ?? (isConnected(o.config) ? createApiClient(o.config) : null);
    this.clock = o.clock ?? (() => new Date());
    this.owner = o.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.opts = {
      leaseMs: o.leaseMs ?? 60_000,
      idleMs: o.idleMs ?? 1_000,
      probeMs: o.probeMs ?? 60_000,
      maxCallsPerTick: o.maxCallsPerTick ?? 50,
      random: o.random,
      policy: o.policy,
    };
    this.log = o.log ?? ((m) => console.log(`[outbox] ${m}`));
  }

  get connected(): boolean {
    return this.client !== null;
  }

  /** One pass: probe a refused key if due, then claim, call and record until nothing is due or the budget is spent. */
  async tick(): Promise<TickResult> {
    if (!this.client || !isConnected(this.config)) return { calls: 0, stoppedBy: "not_connected" };
    const conn = await getConnection(this.prisma);
    let calls = 0;
    if (conn.pausedAt) {
      const sameKey = conn.pausedKey === keyFingerprint(this.config.key);
      const probeDue = !conn.lastProbeAt || this.clock().getTime() - conn.lastProbeAt.getTime() >= this.opts.probeMs;
      if (sameKey && !probeDue) return { calls, stoppedBy: "paused" };
      if (!(await takeTokens(this.prisma, 1, this.config.budget))) return { calls, stoppedBy: "no_token" };
      calls++;
      if (!(await this.probe())) return { calls, stoppedBy: "paused" };
    }
    if (conn.rateLimitedUntil && conn.rateLimitedUntil > this.clock()) return { calls, stoppedBy: "rate_limited" };
    while (calls < this.opts.maxCallsPerTick && !this.stopping) {
      if (!(await hasDueCommands(this.prisma, this.clock()))) return { calls, stoppedBy: "idle" };
      if (!(await takeTokens(this.prisma, 1, this.config.budget))) return { calls, stoppedBy: "no_token" };
      const claim = await claimCommands(this.prisma, this.owner, this.clock(), this.opts.leaseMs);
      if (!claim) return { calls, stoppedBy: "idle" };
      calls++;
      const stop = await this.run(claim);
      if (stop) return { calls, stoppedBy: stop };
    }
    return { calls };
  }

  /** The client and the key, which tick() checks before it probes or runs anything. */
  private connection(): { client: ApiClient; key: string } {
    if (!this.client || this.config.key === null) throw new Error("FirstPromoter's API is not connected");
    return { client: this.client, key: this.config.key };
  }

  /** A cheap authenticated call while paused: true when the key works again. */
  private async probe(): Promise<boolean> {
    const { client, key } = this.connection();
    try {
      await client.ping();
      const { resumed } = await this.prisma.$transaction((tx) => recordSuccess(tx, this.clock()));
      if (resumed) this.log("FirstPromoter accepts the API key again: sends resume");
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.kind === "auth") await this.prisma.$transaction((tx) => pauseSends(tx, err.message, keyFingerprint(key), this.clock()));
      else await recordProbe(this.prisma, this.clock());
      return false;
    }
  }

  /** One call for a claimed group and its record. Returns why the tick should stop, if it should. */
  async run(claim: Claim): Promise<TickResult["stoppedBy"]> {
    const { client, key } = this.connection();
    const { commands } = claim;
    const ids = commands.map((c) => c.fulfilmentId);
    const now = () => this.clock();
    let outcomes: Outcome[];
    let stop: TickResult["stoppedBy"];
    let extra: ((tx: Prisma.TransactionClient) => Promise<void>) | undefined;
    try {
      if (claim.call === "read_back") {
        await this.secondToken();
        const [all, fulfilled] = [await client.commissions(ids), await client.commissions(ids, { fulfilled: true })];
        const seen = readBack(all, fulfilled);
        const ctx = { now: now(), policy: this.opts.policy, random: this.opts.random };
        outcomes = commands.map((c) => ({ command: c, transition: afterReadBack(c, seen.get(c.fulfilmentId.toString()) ?? null, ctx) }));
      } else {
        let batch: Batch;
        let accepted = false;
        if (claim.call === "poll") batch = await client.batch(claim.batchId);
        else ({ batch, accepted } = toAccepted(await client.action(claim.step, ids)));
        const t = (c: (typeof commands)[number]): Transition => {
          if (accepted && batch.id != null) return afterAccepted(c, BigInt(batch.id));
          if (batch.status === "pending" || batch.status === "in_progress") return afterBatchPending(c);
          if (isCompleteSuccess(batch, ids.length)) return afterSuccess(c);
          return afterPartial(c, describeBatch(batch));
        };
        outcomes = commands.map((c) => ({ command: c, transition: t(c) }));
      }
      extra = async (tx) => {
        await recordSuccess(tx, now());
      };
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError("network", `unexpected error: ${(err as Error).message}`);
      if (!(err instanceof ApiError)) console.error("[outbox] unexpected error during a call:", err);
      const ctx = { now: now(), policy: this.opts.policy, random: this.opts.random, retryAfterMs: e.retryAfterMs };
      if (e.kind === "auth") {
        // Not the commands' fault: they wait (uncounted) until the key works again.
        outcomes = commands.map((c) => ({
          command: c,
          transition: { state: "in_flight", dueInMs: 0, clock: "stop", lastError: e.message, audit: { action: "firstpromoter.paused", detail: { step: c.step, error: e.message } } },
        }));
        extra = (tx) => pauseSends(tx, e.message, keyFingerprint(key), now());
        stop = "paused";
        this.log(`FirstPromoter refused the API key: every send is paused (${e.message})`);
      } else if ((e.kind === "refused" || e.kind === "bad_answer") && claim.call !== "read_back") {
        outcomes = commands.map((c) => ({ command: c, transition: afterPartial(c, e.message) }));
        extra = (tx) => recordError(tx, e.message, now());
      } else {
        outcomes = commands.map((c) => ({ command: c, transition: afterRetryable(c, e.message, ctx) }));
        extra = async (tx) => {
          await recordError(tx, e.message, now());
          if (e.kind === "rate_limited") await rateLimitUntil(tx, new Date(now().getTime() + (e.retryAfterMs ?? 60_000)));
        };
        if (e.kind === "rate_limited") stop = "rate_limited";
      }
    }
    await recordOutcomes(this.prisma, this.owner, outcomes, { now: now(), connected: true, extra });
    return stop;
  }

  /** A read-back is two GETs: the second waits for its own token (within the lease). */
  private async secondToken(): Promise<void> {
    const deadline = Date.now() + this.opts.leaseMs / 2;
    while (!(await takeTokens(this.prisma, 1, this.config.budget))) {
      if (Date.now() > deadline) throw new ApiError("rate_limited", "Ledger's own request budget is spent");
      await sleep(100);
    }
  }

  /** Runs tick() until stop(): at once again after a busy tick, after idleMs otherwise (or when nudged). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = (async () => {
      while (!this.stopping) {
        let busy = false;
        try {
          const r = await this.tick();
          busy = r.stoppedBy === undefined;
          this.lastLoggedError = "";
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          // A database outage would repeat the same line every second: say it once.
          if (message !== this.lastLoggedError) this.log(`tick failed (retrying): ${message}`);
          this.lastLoggedError = message;
        }
        // stop() may have set `stopping` while tick() ran; TypeScript keeps the loop condition's narrowing.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        if (!busy && !this.stopping) await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.opts.idleMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    })();
  }

  /** Looks for due commands now instead of at the next idle tick. */
  nudge(): void {
    this.wake?.();
  }

  /** Finishes the call in progress (and records it), then stops. Nothing is left leased by this worker. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }
}

function toAccepted(answer: { status: 200 | 202; batch: Batch }): { batch: Batch; accepted: boolean } {
  return { batch: answer.batch, accepted: answer.status === 202 && answer.batch.status !== "completed" };
}

function describeBatch(b: Batch): string {
  const errors = (b.processing_errors ?? []).map(String).slice(0, 3).join("; ");
  return `batch ${b.status}, ${b.failed_count ?? "?"} failed${errors ? `: ${errors}` : ""}`;
}

/** Per id: its status, and whether the fulfilled filter listed it. */
function readBack(all: Commission[], fulfilled: Commission[]): Map<string, Seen> {
  const done = new Set(fulfilled.map((c) => String(c.id)));
  return new Map(all.map((c) => [String(c.id), { status: c.status, fulfilled: done.has(String(c.id)) }]));
}
