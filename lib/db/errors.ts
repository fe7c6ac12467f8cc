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
];

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The database is unreachable, overloaded or too slow: the caller should answer 503. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = codeOf(e);
    if (code && (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08"))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
  }
  return false;
}

/** Deadlock or serialization failure: the statement rolled back whole and may simply be run again. */
export function isRetryableConflict(err: unknown): boolean {
  const code = codeOf(err);
  return code === "40P01" || code === "40001";
}
