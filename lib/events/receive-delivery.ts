import type pg from "pg";
import { isConnectionFailure, isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import { envelopeSchema } from "@/lib/firstpromoter/schemas.ts";
import { presentedSecret, verifySecret } from "@/lib/firstpromoter/verify-request.ts";
import { ingestEvent } from "./ingest-event.ts";
import { readBody } from "./read-body.ts";
import { recordRejectedDelivery } from "./record-rejected-delivery.ts";
import { mayNeedRedaction, redact } from "./redact.ts";

export type DeliveryRequest = {
  authorization: string | null;
  /** The last path segment, when the secret is sent in the URL. */
  pathSecret: string | undefined;
  contentType: string | null;
  contentLength: string | null;
  body: ReadableStream<Uint8Array> | null;
};

export type DeliveryResponse = { status: number; body: Record<string, unknown> };

const SOURCE = "firstpromoter";

function isJson(contentType: string | null): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/**
 * The webhook contract, check by check in the documented order: secret (401), size (413),
 * content type (415), JSON and envelope (400), then store-and-project in one statement
 * (422 for data failing its schema, 200 otherwise; fulfilment_pending 202 until approved).
 * Database trouble answers 503, anything else 500; neither leaves anything half-written.
 */
export async function receiveDelivery(pool: pg.Pool, req: DeliveryRequest, secrets: string[]): Promise<DeliveryResponse> {
  const receivedAt = new Date();
  let bodyBytes: number | null = null;
  let externalId: string | null = null;
  let eventType: string | null = null;
  try {
    if (!verifySecret(presentedSecret(req.authorization, req.pathSecret), secrets)) {
      throw new AppError(ErrorCode.UNAUTHORIZED, "missing or wrong webhook secret");
    }
    const { text, bytes } = await readBody(req.body, req.contentLength);
    bodyBytes = bytes;
    if (!isJson(req.contentType)) {
      throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Content-Type must be application/json, got ${req.contentType ?? "none"}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError(ErrorCode.INVALID_ENVELOPE, "body is not valid JSON", { field: "body" });
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      // Keep what could be read, so the delivery log can still name the event.
      const raw = (json as { event?: { id?: unknown; type?: unknown } } | null)?.event;
      if (typeof raw?.id === "number" || typeof raw?.id === "string") externalId = String(raw.id).slice(0, 40);
      if (typeof raw?.type === "string") eventType = raw.type;
      const issue = envelope.error.issues[0];
      const field = issue?.path.join(".") || "body";
      throw new AppError(ErrorCode.INVALID_ENVELOPE, issue?.message ?? "invalid envelope", { field });
    }
    const { event } = envelope.data;
    externalId = String(event.id);
    eventType = event.type;
    const clean = !mayNeedRedaction(text);
    const payload = (clean ? json : redact(json)) as { data?: unknown };
    const result = await ingestEvent(pool, {
      source: SOURCE,
      externalId,
      type: event.type,
      occurredAt: new Date(event.created_at).toISOString(),
      payload,
      // Unchanged by redaction: store the body as received instead of serialising it again.
      payloadJson: clean ? text : undefined,
      data: payload.data,
      receivedAt,
      bodyBytes,
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
        event_id: externalId,
        ...(row.outcome === "duplicate" ? { duplicate: true } : {}),
        ...(result.kind === "ignored" ? { ignored: true } : {}),
        ...(row.review_status ? { review_status: row.review_status } : {}),
      },
    };
  } catch (err) {
    const error = toAppError(err, externalId);
    // With no connection to be had, recording the refusal would only wait for another connect timeout.
    if (!isConnectionFailure(err)) await recordRejectedDelivery(pool, {
      statusCode: error.statusCode,
      errorCode: error.code,
      reason: error.message,
      externalEventId: externalId,
      eventType,
      bodyBytes,
      receivedAt,
    });
    return { status: error.statusCode, body: error.toJSON() };
  }
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
