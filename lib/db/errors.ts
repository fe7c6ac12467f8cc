// Classifies errors from pg so callers can answer 503 (try again later) instead of 500.

const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "EPIPE", "EAI_AGAIN"]);
// 57014 query_canceled (statement_timeout), 57P01-03 shutdown/cannot connect now, 53300 too many connections,
// 55P03 lock_not_available (lock_timeout).
const UNAVAILABLE_SQLSTATES = new Set(["57014", "57P01", "57P02", "57P03", "53300", "55P03"]);
const UNAVAILABLE_MESSAGES = [
  "timeout exceeded when trying to connect",
  "Connection terminated",
  "Query read timeout",
  "connect ECONNREFUSED",
  "Client has encountered a connection error",
  // pg.Client#connect past connectionTimeoutMillis (the pipelined ingest connections; the pool says "timeout exceeded").
  "timeout expired",
];

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function someCause(err: unknown, test: (e: unknown) => boolean): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) if (test(e)) return true;
  return false;
}

/** No connection could be had (refused, unreachable, connect timeout, dropped): another query would wait as long. */
export function isConnectionFailure(err: unknown): boolean {
  return someCause(err, (e) => {
    const code = codeOf(e);
    if (code && (UNAVAILABLE_NODE_CODES.has(code) || code.startsWith("08") || code === "57P01" || code === "57P03" || code === "53300")) return true;
    const message = (e as { message?: unknown }).message;
    return typeof message === "string" && UNAVAILABLE_MESSAGES.some((m) => message.includes(m));
  });
}

/** The database is unreachable, overloaded or too slow: the caller should answer 503. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return isConnectionFailure(err) || someCause(err, (e) => UNAVAILABLE_SQLSTATES.has(codeOf(e) ?? ""));
}

/** Deadlock or serialization failure: the statement rolled back whole and may simply be run again. */
export function isRetryableConflict(err: unknown): boolean {
  const code = codeOf(err);
  return code === "40P01" || code === "40001";
}
