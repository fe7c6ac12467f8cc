import type { ZodType } from "zod";
import type { ApiConfig } from "./config.ts";
import {
  type Batch,
  type BatchAction,
  type Commission,
  MAX_IDS_PER_READ,
  batchSchema,
  commissionListSchema,
  errorBodySchema,
} from "./schemas.ts";

// FirstPromoter's API v2, the few documented calls Ledger makes. Every request carries
// `Authorization: Bearer <key>` and `ACCOUNT-ID: <id>`; every failure becomes an ApiError whose
// `kind` tells the worker what to do (retry, pause, read back). Messages never contain the key.

export const REQUEST_TIMEOUT_MS = 10_000;

export type ApiErrorKind =
  /** No answer: connection refused or dropped, DNS. Retried with backoff. */
  | "network"
  /** No answer within the time-out. Retried with backoff (the call may have been applied). */
  | "timeout"
  /** 5xx. Retried with backoff. */
  | "server"
  /** 429. Retried after Retry-After. */
  | "rate_limited"
  /** 401/403: the key or account id is refused. Every send pauses. */
  | "auth"
  /** Another 4xx (422 invalid parameters, 404): FirstPromoter refused this request. */
  | "refused"
  /** A 2xx whose body is not what the API documents. */
  | "bad_answer";

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  /** From Retry-After on a 429. */
  readonly retryAfterMs: number | null;
  constructor(kind: ApiErrorKind, message: string, opts: { status?: number | null; retryAfterMs?: number | null } = {}) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.status = opts.status ?? null;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
  get retryable(): boolean {
    return this.kind === "network" || this.kind === "timeout" || this.kind === "server" || this.kind === "rate_limited";
  }
}

/** A batch action's answer: 200 (done) or 202 (a batch process to poll). */
export type ActionAnswer = { status: 200 | 202; batch: Batch };

export type ApiClient = {
  /** GET /commissions?ids[]=… (at most 100 ids), optionally only the fulfilled ones (`filters[fulfilled]=yes`). */
  commissions(ids: readonly bigint[], opts?: { fulfilled?: boolean }): Promise<Commission[]>;
  /** GET /commissions?per_page=1: the cheapest authenticated call. */
  ping(): Promise<void>;
  /** POST /commissions/<action> with `{ ids }`. */
  action(action: BatchAction, ids: readonly bigint[]): Promise<ActionAnswer>;
  /** GET /batch_processes/{id}. */
  batch(id: bigint): Promise<Batch>;
};

export type ClientOptions = { timeoutMs?: number; fetch?: typeof fetch };

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function createApiClient(config: Pick<ApiConfig, "url" | "key" | "accountId">, opts: ClientOptions = {}): ApiClient {
  const { key, accountId } = config;
  if (!key || !accountId) throw new Error("FirstPromoter API is not configured (FIRSTPROMOTER_API_KEY, FIRSTPROMOTER_ACCOUNT_ID)");
  // Checked above; a hoisted function declaration (request) does not see that narrowing.
  const account: string = accountId;
  const timeoutMs = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const doFetch = opts.fetch ?? fetch;
  // Belt and braces: whatever FirstPromoter (or a proxy) echoes, the key never leaves in a message.
  const clean = (text: string) => text.split(key).join("[key]").slice(0, 500);

  async function request<T>(method: "GET" | "POST", path: string, schema: ZodType<T>, body?: unknown): Promise<{ status: number; data: T }> {
    let res: Response;
    try {
      res = await doFetch(`${config.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${key}`,
          "ACCOUNT-ID": account,
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const name = (err as Error).name;
      if (name === "TimeoutError" || name === "AbortError") throw new ApiError("timeout", `no answer from FirstPromoter within ${timeoutMs / 1000} s`);
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiError("network", clean(`could not reach FirstPromoter (${cause?.code ?? cause?.message ?? (err as Error).message})`));
    }
    const text = await res.text().catch(() => "");
    if (res.status === 401 || res.status === 403) {
      throw new ApiError("auth", `FirstPromoter refused the API key or account id (${res.status}${detail(text)})`, { status: res.status });
    }
    if (res.status === 429) {
      const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
      throw new ApiError("rate_limited", "FirstPromoter's rate limit was reached (429)", { status: 429, retryAfterMs });
    }
    if (res.status >= 500) throw new ApiError("server", clean(`FirstPromoter answered ${res.status}${detail(text)}`), { status: res.status });
    if (res.status >= 400) throw new ApiError("refused", clean(`FirstPromoter refused it (${res.status}${detail(text)})`), { status: res.status });
    if (res.status < 200 || res.status >= 300) throw new ApiError("bad_answer", `FirstPromoter answered ${res.status}`, { status: res.status });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError("bad_answer", `FirstPromoter answered ${res.status} with a body that is not JSON`, { status: res.status });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError("bad_answer", clean(`FirstPromoter's answer has an unexpected shape (${issue?.path.join(".") || "body"}: ${issue?.message})`), {
        status: res.status,
      });
    }
    return { status: res.status, data: parsed.data };
  }

  return {
    async commissions(ids, opts = {}) {
      if (ids.length === 0) return [];
      if (ids.length > MAX_IDS_PER_READ) throw new RangeError(`at most ${MAX_IDS_PER_READ} ids per read`);
      const q = new URLSearchParams();
      for (const id of ids) q.append("ids[]", id.toString());
      if (opts.fulfilled) q.set("filters[fulfilled]", "yes");
      q.set("per_page", String(MAX_IDS_PER_READ));
      return (await request("GET", `/commissions?${q}`, commissionListSchema)).data;
    },
    async ping() {
      await request("GET", "/commissions?per_page=1", commissionListSchema);
    },
    async action(action, ids) {
      const { status, data } = await request("POST", `/commissions/${action}`, batchSchema, { ids: ids.map(Number) });
      return { status: status === 202 ? 202 : 200, batch: data };
    },
    async batch(id) {
      return (await request("GET", `/batch_processes/${id}`, batchSchema)).data;
    },
  };
}

/** FirstPromoter's `{ message }`, when it sent one. */
function detail(text: string): string {
  if (!text) return "";
  try {
    const body = errorBodySchema.safeParse(JSON.parse(text));
    return body.success && body.data.message ? `: ${body.data.message}` : "";
  } catch {
    return "";
  }
}
