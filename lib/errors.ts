/**
 * Error codes Ledger answers with. Route handlers map them to HTTP statuses and the JSON body
 * `{ error: { code, message, field? } }`; server actions map them to `{ ok: false, error }`.
 */
export const ErrorCode = {
  /** Webhook secret missing or wrong (path segment or Bearer token). */
  UNAUTHORIZED: "unauthorized",
  /** Body over the webhook size limit (1 MiB), with or without Content-Length. */
  PAYLOAD_TOO_LARGE: "payload_too_large",
  /** Content-Type is not application/json. */
  UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
  /** Body is not JSON, or the `{event:{id,type,created_at}, data}` envelope is invalid. */
  INVALID_ENVELOPE: "invalid_envelope",
  /** A known event type whose `data` fails that type's schema. */
  INVALID_DATA: "invalid_data",
  /** The sender dropped the connection before the whole body arrived (no answer can reach it). */
  CLIENT_ABORTED: "client_aborted",
  /** The database did not answer in time or refused the connection. */
  DATABASE_UNAVAILABLE: "database_unavailable",
  /** No valid session. */
  UNAUTHENTICATED: "unauthenticated",
  /** Signed in, but the role does not allow it (viewers change nothing). */
  FORBIDDEN: "forbidden",
  /** A state-changing request from another origin. */
  INVALID_ORIGIN: "invalid_origin",
  /** Input failed validation (form fields, query parameters). */
  VALIDATION: "validation_failed",
  /** The record does not exist (or no longer does). */
  NOT_FOUND: "not_found",
  /** The change conflicts with the current state (email taken, already approved, …). */
  CONFLICT: "conflict",
  /** The last admin cannot be demoted or removed. */
  LAST_ADMIN: "last_admin",
  /** Too many attempts; retry after the time given in the message. */
  RATE_LIMITED: "rate_limited",
  /** Anything unexpected; details go to the server log only. */
  INTERNAL: "internal_error",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const statusForCode: Record<ErrorCode, number> = {
  unauthorized: 401,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_envelope: 400,
  invalid_data: 422,
  client_aborted: 499,
  database_unavailable: 503,
  unauthenticated: 401,
  forbidden: 403,
  invalid_origin: 403,
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  last_admin: 409,
  rate_limited: 429,
  internal_error: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly statusCode: number;
  constructor(code: ErrorCode, message: string, opts: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.field = opts.field;
    this.statusCode = statusForCode[code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}
