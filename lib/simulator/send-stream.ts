/**
 * Posts deliveries to the webhook over HTTP, as FirstPromoter would: JSON body, the secret as a
 * Bearer token (v2: a custom Authorization header on the subscription; its X-Event-Id header too), a
 * 15 s timeout. v1 deliveries go to `url`, v2 ones to `v2Url`, and nowhere else (redirects are not followed).
 */
import { type AnyDelivery, isV2 } from "./generate-stream.ts";

export type SendStreamResult = {
  /** Deliveries attempted (= deliveries.length). */
  sent: number;
  /** How many got each HTTP status. */
  byStatus: Record<number, number>;
  /** Deliveries that got no HTTP response (connection refused, reset, timeout). */
  failures: number;
};

const TIMEOUT_MS = 15_000; // FirstPromoter gives up after 15 s

export async function sendStream(opts: {
  /** The full v1 webhook URL. */
  url: string;
  /** The full v2 webhook URL. Default: `url` + "/v2". */
  v2Url?: string;
  secret: string;
  deliveries: AnyDelivery[];
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** Called once per delivery, in completion order; `status` is 0 when no response came (body is then `{ error }`). */
  onResponse?: (d: AnyDelivery, status: number, body: unknown) => void;
}): Promise<SendStreamResult> {
  const { url, secret, deliveries, onResponse } = opts;
  const concurrency = opts.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const result: SendStreamResult = { sent: 0, byStatus: {}, failures: 0 };
  const headers = { "Content-Type": "application/json", Authorization: `Bearer ${secret}` };
  const v2Url = opts.v2Url ?? `${url.replace(/\/+$/, "")}/v2`;

  let next = 0;
  async function worker(): Promise<void> {
    while (next < deliveries.length) {
      const d = deliveries[next++] as AnyDelivery;
      result.sent++;
      let status: number;
      let body: unknown;
      try {
        const res = await fetch(isV2(d) ? v2Url : url, {
          method: "POST",
          headers: isV2(d) ? { ...headers, "X-Event-Id": d.body.event_id, "X-Event-Type": d.body.event_type } : headers,
          body: JSON.stringify(d.body),
          redirect: "manual",
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        status = res.status;
        const text = await res.text();
        try { body = text ? JSON.parse(text) : null; } catch { body = text; }
        result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
      } catch (err) {
        status = 0;
        body = { error: errorMessage(err) };
        result.failures++;
      }
      onResponse?.(d, status, body);
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, deliveries.length) }, worker));
  return result;
}

/** fetch wraps the useful part ("ECONNREFUSED 127.0.0.1:3000") in `cause`. */
function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : "";
  return err.name === "TimeoutError" ? `no response within ${TIMEOUT_MS / 1000} s` : `${err.message}${cause}`;
}
