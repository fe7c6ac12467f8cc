import { readFileSync, renameSync, writeFileSync } from "node:fs";

// The state and rules of a fake FirstPromoter API v2 account, built from its published OpenAPI
// files (commissions, batches) and its non-monetary rewards guide: only the documented endpoints,
// with FirstPromoter's answer shapes. HTTP lives in serve-fake-firstpromoter.ts; tests drive this
// object directly to seed commissions, inject faults and count what was really applied.

export const NON_MONETARY_UNITS = ["credits", "points", "free_months", "mon_discount", "discount_per"] as const;

export type FakeCommission = {
  id: number;
  status: "pending" | "approved" | "denied";
  unit: string;
  amount: number;
  created_at: string;
  /** Approving creates the payout record (FirstPromoter's usual payout settings); false: only generate_payouts does. */
  payoutOnApprove: boolean;
  /** The payout record; `completed` means fulfilled (mark_fulfilled), `pending` not yet. */
  payout: { id: number; status: "pending" | "completed" } | null;
  referral?: { id: number; email: string; uid: string } | null;
};

export type FaultKind =
  /** Answer 500 without applying anything. */
  | "error_500"
  /** Apply, then answer only after `slowMs` (longer than the client's 10 s time-out in tests). */
  | "slow"
  /** Answer 429 with Retry-After. */
  | "rate_limit"
  /** Answer 401 (no body, as FirstPromoter documents). */
  | "unauthorized"
  /** Apply, then drop the connection without an answer. */
  | "drop_after_apply"
  /** Answer an action with 202 and a batch process, whatever the number of ids. */
  | "async";

export type Fault = { kind: FaultKind; times: number; /** Only requests whose path contains this. */ match?: string; retryAfterS?: number; slowMs?: number };

export type FakeOptions = {
  apiKey: string;
  accountId: string;
  /** Every answer waits this long (after applying the change). */
  answerDelayMs?: number;
  /** A 202 batch process completes this long after it was created. */
  batchDelayMs?: number;
  /** FirstPromoter's limit: 400 requests per minute per account. */
  rateLimit?: { perWindow: number; windowMs: number };
  /** Kept across restarts in this JSON file, when given. */
  dataFile?: string;
  now?: () => number;
};

export type BatchRecord = {
  id: number;
  status: "pending" | "in_progress" | "completed" | "failed" | "stopped";
  total: number;
  selected_total: number;
  processed_count: number;
  failed_count: number;
  action_label: string;
  created_at: string;
  updated_at: string;
  meta: Record<string, unknown> | null;
  progress: number;
  processing_errors: string[];
  /** Not part of the answer: when it completes, and what it will do. */
  completeAt: number;
  action: string;
  ids: number[];
};

export type CallRecord = { at: number; method: string; path: string; status: number; ids: number[] };

type Outcome = { ok: true } | { ok: false; error: string };

export type ActionName = "approve" | "deny" | "mark_fulfilled" | "mark_unfulfilled" | "generate_payouts";

/** Above this many ids an action runs as a batch process (202), as the API documents. */
export const SYNC_ACTION_MAX_IDS = 5;

export class FakeFirstPromoter {
  readonly options: Required<Omit<FakeOptions, "dataFile" | "now">> & Pick<FakeOptions, "dataFile">;
  readonly commissions = new Map<number, FakeCommission>();
  readonly batches = new Map<number, BatchRecord>();
  readonly calls: CallRecord[] = [];
  /** How many times each id was really changed by each action (the exactly-once tests count these). */
  readonly applied = new Map<string, number>();
  private faults: Fault[] = [];
  private requestTimes: number[] = [];
  private nextBatchId = 1;
  private nextPayoutId = 9_000_000;
  readonly now: () => number;

  constructor(opts: FakeOptions) {
    this.options = {
      apiKey: opts.apiKey,
      accountId: opts.accountId,
      answerDelayMs: opts.answerDelayMs ?? 0,
      batchDelayMs: opts.batchDelayMs ?? 1_000,
      rateLimit: opts.rateLimit ?? { perWindow: 400, windowMs: 60_000 },
      dataFile: opts.dataFile,
    };
    this.now = opts.now ?? Date.now;
    if (opts.dataFile) this.load(opts.dataFile);
  }

  // -------------------------------------------------------------------------------------------
  // Set-up and inspection (tests, the demo)

  /** Adds or replaces commissions. */
  seed(commissions: FakeCommission[]): void {
    for (const c of commissions) this.commissions.set(c.id, structuredClone(c));
    this.save();
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  appliedCount(action: ActionName, id: number): number {
    return this.applied.get(`${action}:${id}`) ?? 0;
  }

  isFulfilled(c: FakeCommission): boolean {
    return c.payout?.status === "completed";
  }

  /** The fault for this request, consumed (null: none applies); the newest injected one wins. */
  takeFault(path: string): Fault | null {
    const i = this.faults.findLastIndex((f) => f.times > 0 && (!f.match || path.includes(f.match)));
    const f = this.faults[i];
    if (!f) return null;
    f.times -= 1;
    if (f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  /** Counts a request against the account's limit; the seconds to wait when it is over. */
  overRateLimit(): number | null {
    const { perWindow, windowMs } = this.options.rateLimit;
    const now = this.now();
    this.requestTimes = this.requestTimes.filter((t) => t > now - windowMs);
    const oldest = this.requestTimes[0];
    if (oldest !== undefined && this.requestTimes.length >= perWindow) {
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    }
    this.requestTimes.push(now);
    return null;
  }

  /** The most requests in any window of the configured length, over the calls recorded. */
  maxRequestsPerWindow(windowMs = this.options.rateLimit.windowMs): number {
    const times = this.calls.map((c) => c.at).sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (const [end, t] of times.entries()) {
      while (t - (times[start] ?? t) >= windowMs) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  // -------------------------------------------------------------------------------------------
  // The API's rules

  /** GET /commissions: `ids[]`, `filters[status]`, `filters[fulfilled]`, `page`, `per_page` (max 100). */
  list(query: { ids: number[]; status?: string; fulfilled?: "yes" | "no"; page?: number; perPage?: number }): Record<string, unknown>[] {
    let rows = [...this.commissions.values()].sort((a, b) => b.id - a.id);
    if (query.ids.length > 0) rows = rows.filter((c) => query.ids.includes(c.id));
    if (query.status) rows = rows.filter((c) => c.status === query.status);
    if (query.fulfilled) {
      const want = query.fulfilled === "yes";
      rows = rows.filter((c) => isNonMonetary(c.unit) && this.isFulfilled(c) === want);
    }
    const perPage = Math.min(100, Math.max(1, query.perPage ?? 20));
    const page = Math.max(1, query.page ?? 1);
    return rows.slice((page - 1) * perPage, page * perPage).map((c) => this.toJson(c));
  }

  toJson(c: FakeCommission): Record<string, unknown> {
    return {
      id: c.id,
      status: c.status,
      metadata: {},
      is_self_referral: false,
      commission_type: "sale",
      sale_amount: 0,
      event_id: null,
      tier: 1,
      unit: c.unit,
      fraud_check: "no_suspicion",
      amount: c.amount,
      is_paid: c.unit === "cash" ? c.payout?.status === "completed" : false,
      is_split: false,
      created_at: c.created_at,
      status_updated_at: null,
      referral: c.referral ?? null,
      reward: null,
      split_details: null,
    };
  }

  /** Applies one action to one id, by FirstPromoter's documented rules. */
  applyOne(action: ActionName, id: number): Outcome {
    const c = this.commissions.get(id);
    if (!c) return { ok: false, error: `Commission ${id} not found` };
    const fulfilled = this.isFulfilled(c);
    switch (action) {
      case "approve":
        if (c.status !== "pending") return { ok: false, error: `Commission ${id} is ${c.status}, not pending` };
        c.status = "approved";
        if (c.payoutOnApprove && !c.payout) c.payout = { id: this.nextPayoutId++, status: "pending" };
        break;
      case "deny":
        if (c.status === "denied") return { ok: false, error: `Commission ${id} is already denied` };
        if (fulfilled) return { ok: false, error: `Commission ${id} is fulfilled and cannot be denied` };
        c.status = "denied";
        break;
      case "generate_payouts":
        if (c.status !== "approved") return { ok: false, error: `Commission ${id} is not approved` };
        if (c.payout) return { ok: false, error: `Commission ${id} already has a payout` };
        c.payout = { id: this.nextPayoutId++, status: "pending" };
        break;
      case "mark_fulfilled":
        // "This endpoint only works on non-monetary commissions that have an associated payout record."
        if (!isNonMonetary(c.unit)) return { ok: false, error: `Commission ${id} is monetary` };
        if (c.status !== "approved") return { ok: false, error: `Commission ${id} is not approved` };
        if (!c.payout) return { ok: false, error: `Commission ${id} has no payout` };
        if (fulfilled) return { ok: false, error: `Commission ${id} is already fulfilled` };
        c.payout.status = "completed";
        break;
      case "mark_unfulfilled":
        if (!fulfilled || !c.payout) return { ok: false, error: `Commission ${id} is not fulfilled` };
        c.payout.status = "pending";
        break;
    }
    const key = `${action}:${id}`;
    this.applied.set(key, (this.applied.get(key) ?? 0) + 1);
    return { ok: true };
  }

  /**
   * POST /commissions/<action>: up to 5 ids at once (200, completed, with failed_count and
   * processing_errors; 422 when every id failed), more as a batch process (202) applied later.
   */
  action(action: ActionName, ids: number[], forceAsync: boolean): { status: number; body: Record<string, unknown> } {
    const nowIso = new Date(this.now()).toISOString();
    if (ids.length > SYNC_ACTION_MAX_IDS || forceAsync) {
      const batch: BatchRecord = {
        id: this.nextBatchId++,
        status: "pending",
        total: ids.length,
        selected_total: ids.length,
        processed_count: 0,
        failed_count: 0,
        action_label: `commission/${action}`,
        created_at: nowIso,
        updated_at: nowIso,
        meta: null,
        progress: 0,
        processing_errors: [],
        completeAt: this.now() + this.options.batchDelayMs,
        action,
        ids,
      };
      this.batches.set(batch.id, batch);
      this.save();
      return { status: 202, body: publicBatch(batch) };
    }
    const errors: string[] = [];
    for (const id of ids) {
      const r = this.applyOne(action, id);
      if (!r.ok) errors.push(r.error);
    }
    this.save();
    if (ids.length > 0 && errors.length === ids.length) return { status: 422, body: { message: errors.join("; "), code: "unprocessable_entity" } };
    return {
      status: 200,
      body: {
        id: this.nextBatchId++,
        status: "completed",
        total: ids.length,
        selected_total: ids.length,
        processed_count: ids.length - errors.length,
        failed_count: errors.length,
        action_label: `commission/${action}`,
        created_at: nowIso,
        updated_at: nowIso,
        meta: null,
        progress: 100,
        processing_errors: errors,
      },
    };
  }

  /** GET /batch_processes/{id}: completes (applying its action) once its time has come. */
  batch(id: number): Record<string, unknown> | null {
    const b = this.batches.get(id);
    if (!b) return null;
    if (b.status === "pending" && this.now() >= b.completeAt) {
      for (const cid of b.ids) {
        const r = this.applyOne(b.action as ActionName, cid);
        if (r.ok) b.processed_count += 1;
        else {
          b.failed_count += 1;
          b.processing_errors.push(r.error);
        }
      }
      b.status = "completed";
      b.progress = 100;
      b.updated_at = new Date(this.now()).toISOString();
      this.save();
    }
    return publicBatch(b);
  }

  // -------------------------------------------------------------------------------------------
  // Persistence (the demo keeps its fake account in the data folder across restarts)

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return; // first start
    }
    const data = JSON.parse(text) as { commissions: FakeCommission[]; nextPayoutId: number; nextBatchId: number };
    for (const c of data.commissions) this.commissions.set(c.id, c);
    this.nextPayoutId = data.nextPayoutId;
    this.nextBatchId = data.nextBatchId;
  }

  private save(): void {
    const file = this.options.dataFile;
    if (!file) return;
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ commissions: [...this.commissions.values()], nextPayoutId: this.nextPayoutId, nextBatchId: this.nextBatchId }));
    renameSync(tmp, file);
  }
}

export function isNonMonetary(unit: string): boolean {
  return (NON_MONETARY_UNITS as readonly string[]).includes(unit);
}

function publicBatch(b: BatchRecord): Record<string, unknown> {
  const { completeAt: _c, action: _a, ids: _i, ...rest } = b;
  return rest;
}
