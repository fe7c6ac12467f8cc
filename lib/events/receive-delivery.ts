import type { LedgerPool } from "@/lib/db/pool.ts";
import { isConnectionFailure, isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import { presentedSecret, presentedSecretV2, verifySecret } from "@/lib/firstpromoter/verify-request.ts";
import { ingestEvent } from "./ingest-event.ts";
import { BodyError, readBody } from "./read-body.ts";
import { recordRejectedDelivery } from "./record-rejected-delivery.ts";
import { mayHoldCredentials, mayNeedRedaction, redact, withoutPrototypes } from "./redact.ts";
import { type JsonPath, MAX_JSON_DEPTH, formatPath, scanJson } from "./scan-json.ts";
import { dataOf, isObject, readV1Envelope, readV2Envelope } from "./read-envelope.ts";

export type DeliveryRequest = {
  /** Which URL it came to: v1 (/api/webhooks/firstpromoter[/<secret>]) or v2 (…/firstpromoter/v2). Default v1. */
  format?: "v1" | "v2";
  /** v2's X-Event-Id header: optional, but when sent it must equal the body's event_id. */
  eventIdHeader?: string | null;
  authorization: string | null;
  /** The last path segment, when the secret is sent in the URL. */
  pathSecret: string | undefined;
  contentType: string | null;
  contentLength: string | null;
  body: ReadableStream<Uint8Array> | null;
};

export type DeliveryResponse = { status: number; body: Record<string, unknown> };

/** Each format is its own id space (v1 numbers, v2 UUIDs): the dedup key is (source, id). */
const SOURCE = { v1: "firstpromoter", v2: "firstpromoter_v2" } as const;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function isJson(contentType: string | null): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/** What is known of a delivery so far, for its row if it is refused. */
type Seen = { bodyBytes: number | null; externalId: string | null; eventType: string | null; raw: Buffer | null; json: unknown };

const refuse = (message: string, field = "body") => new AppError(ErrorCode.INVALID_ENVELOPE, message, { field });

const PROBLEM_TEXT = {
  too_deep: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
  nul: "a NUL character (\\u0000) in a string, which cannot be stored",
  surrogate: "an unpaired UTF-16 surrogate escape in a string, which cannot be stored",
} as const;

/**
 * The webhook contract, check by check in the documented order: secret (401), size (413),
 * content type (415), a body Ledger can keep at all (400: not UTF-8, not JSON, nested deeper than 64
 * levels, NUL or unpaired surrogates in a string, an envelope that is not FirstPromoter's), then
 * store-and-project in one statement (422 stored as failed for data failing its schema or numbers
 * Postgres cannot hold; 200 otherwise; fulfilment_pending 202 until approved). Every request that
 * passes the secret gets exactly one delivery row — a refused one keeps the body as received — and a
 * 2xx or 4xx answer; the exceptions are a database that does not answer (503, logged) and a sender
 * that drops the connection (its row says client_aborted). Nothing is ever half-written.
 */
export async function receiveDelivery(pool: LedgerPool, req: DeliveryRequest, secrets: string[]): Promise<DeliveryResponse> {
  const receivedAt = new Date();
  const format = req.format ?? "v1";
  const seen: Seen = { bodyBytes: null, externalId: null, eventType: null, raw: null, json: undefined };
  let authenticated = false;
  try {
    const presented = format === "v2" ? presentedSecretV2(req.authorization) : presentedSecret(req.authorization, req.pathSecret);
    if (!verifySecret(presented, secrets)) {
      throw new AppError(ErrorCode.UNAUTHORIZED, "missing or wrong webhook secret");
    }
    authenticated = true;
    const { buffer, bytes } = await readBody(req.body, req.contentLength);
    seen.bodyBytes = bytes;
    seen.raw = buffer;
    if (!isJson(req.contentType)) {
      throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Content-Type must be application/json, got ${req.contentType ?? "none"}`);
    }
    let text: string;
    try {
      text = utf8.decode(buffer);
    } catch {
      throw refuse("body is not valid UTF-8");
    }
    // Before JSON.parse: nesting, unstorable text and numbers (JSON.parse would accept them all).
    const scan = scanJson(text);
    if (scan.refused?.kind === "too_deep") throw refuse(`body has ${PROBLEM_TEXT.too_deep}`, formatPath(scan.refused.path));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw refuse("body is not valid JSON");
    }
    // Keys like __proto__ stay plain keys in every copy made from here on.
    if (scan.riskyKeys) json = withoutPrototypes(json);
    seen.json = json;
    readIds(json, seen);
    if (scan.refused) throw refuse(`body has ${PROBLEM_TEXT[scan.refused.kind]}`, formatPath(scan.refused.path));
    const envelope = format === "v2" ? readV2Envelope(json, req.eventIdHeader ?? null) : readV1Envelope(json);
    seen.externalId = envelope.externalId;
    seen.eventType = envelope.type;
    if (envelope.test) {
      // FirstPromoter's "Send test": a real event type with data {test: true}. Logged, projected nowhere.
      await recordRejectedDelivery(
        pool,
        { statusCode: 200, errorCode: null, reason: null, outcome: "test", format, externalEventId: seen.externalId, eventType: seen.eventType, bodyBytes: bytes, receivedAt },
        { rethrow: true },
      );
      return { status: 200, body: { ok: true, event_id: seen.externalId, test: true } };
    }
    // Stored as received when nothing needs changing; otherwise a copy without credentials, and with
    // numbers Postgres cannot hold kept as their text (the event is then stored as failed).
    const clean = !mayNeedRedaction(text) && scan.numbers.length === 0;
    const payload = (clean ? json : redact(json)) as { data?: unknown };
    for (const n of scan.numbers) setAt(payload, n.path, n.token);
    const data = dataOf(envelope, payload);
    const first = scan.numbers[0];
    const failure = first && {
      field: formatPath(first.path),
      message: `${formatPath(first.path)}: number ${first.token} is out of the range Ledger can store${scan.numbers.length > 1 ? ` (and ${scan.numbers.length - 1} more)` : ""}`,
    };
    const result = await ingestEvent(pool, {
      format,
      action: envelope.action,
      source: SOURCE[format],
      externalId: envelope.externalId,
      type: envelope.type,
      handlerKey: envelope.handlerKey,
      entityType: envelope.entityType,
      occurredAt: envelope.occurredAt,
      payload,
      // Unchanged by redaction: store the body as received instead of serialising it again.
      payloadJson: clean ? text : undefined,
      data,
      receivedAt,
      bodyBytes: bytes,
      rawBody: rawForRow(seen),
      failure,
    });
    if (result.kind === "failed") {
      // The event row (status failed) and its delivery row were written by the statement.
      return { status: 422, body: new AppError(ErrorCode.INVALID_DATA, result.message, { field: result.field }).toJSON() };
    }
    const { row } = result;
    const status = row.status_code ?? 200;
    return {
      status,
      body: {
        ok: true,
        event_id: seen.externalId,
        ...(row.outcome === "duplicate" ? { duplicate: true } : {}),
        ...(result.kind === "ignored" ? { ignored: true } : {}),
        ...(row.review_status ? { review_status: row.review_status } : {}),
      },
    };
  } catch (err) {
    const error = toAppError(err, seen.externalId);
    if (err instanceof BodyError) {
      seen.bodyBytes = err.bytes;
      seen.raw = err.head.length > 0 ? err.head : null;
    }
    // With no connection to be had, recording the refusal would only wait for another connect timeout.
    if (!isConnectionFailure(err)) {
      await recordRejectedDelivery(pool, {
        statusCode: error.statusCode,
        errorCode: error.code,
        outcome: error.code === ErrorCode.CLIENT_ABORTED ? "client_aborted" : "rejected",
        reason: error.message,
        format,
        externalEventId: seen.externalId,
        eventType: seen.eventType,
        bodyBytes: seen.bodyBytes,
        // Only for a sender that proved it knows the secret: never keep what strangers post.
        rawBody: authenticated && error.statusCode !== 503 ? rawForRow(seen) : null,
        receivedAt,
      });
    }
    return { status: error.statusCode, body: error.toJSON() };
  }
}

/** The event's id and type as sent, when the body parsed that far (the row names the event even if refused). */
function readIds(json: unknown, seen: Seen): void {
  if (!isObject(json)) return;
  const v1 = isObject(json.event) ? json.event : null;
  const id = v1 ? v1.id : json.event_id;
  const type = v1 ? v1.type : json.event_type;
  if (typeof id === "number" || typeof id === "string") seen.externalId = String(id).slice(0, 40);
  if (typeof type === "string") seen.eventType = type.slice(0, 100);
}

/**
 * The body for the delivery row: the bytes as received (bytea keeps NUL and invalid UTF-8 as they
 * came), or, when it parsed and may hold credentials, re-serialised without them (every other string
 * as sent: JSON.stringify escapes NUL and unpaired surrogates).
 */
function rawForRow(seen: Seen): Buffer | null {
  if (!seen.raw) return null;
  if (seen.json === undefined || !mayHoldCredentials(seen.raw.toString("utf8"))) return seen.raw;
  return Buffer.from(JSON.stringify(redact(seen.json, { storable: false })));
}

/** Replaces the value at `path` (a number Postgres cannot hold) with its text. */
function setAt(root: unknown, path: JsonPath, value: string): void {
  let node = root as Record<string | number, unknown> | null;
  for (const step of path.slice(0, -1)) {
    node = (node?.[step] as Record<string | number, unknown> | null) ?? null;
    if (node === null || typeof node !== "object") return;
  }
  const last = path[path.length - 1];
  if (node && typeof node === "object" && last !== undefined) node[last] = value;
}

function toAppError(err: unknown, externalId: string | null): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) {
    console.error(`[webhook] database unavailable (event ${externalId ?? "unknown"}):`, (err as Error).message);
    return new AppError(ErrorCode.DATABASE_UNAVAILABLE, "database unavailable, try again later", { cause: err });
  }
  console.error(`[webhook] unexpected error (event ${externalId ?? "unknown"}):`, err);
  return new AppError(ErrorCode.INTERNAL, "internal error", { cause: err });
}
