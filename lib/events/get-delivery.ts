import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { deliveryRowSelect, toDeliveryRow } from "@/lib/records/delivery-row.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";
import { MAX_JSON_DEPTH, scanJson } from "./scan-json.ts";

/** How much of a kept body the page shows (the limit itself is 1 MiB). */
const SHOWN_CHARS = 200_000;

export type DeliveryBody =
  | { kind: "none" }
  /** Parsed JSON, shallow enough to show as a tree. */
  | { kind: "json"; value: unknown; bytes: number }
  /** Anything else, as text: invalid UTF-8 replaced, control characters written as escapes. */
  | { kind: "text"; text: string; bytes: number; truncated: boolean; why: string };

/** Control characters as visible escapes (a NUL would otherwise vanish from the page). */
function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A kept body as the delivery page shows it. */
export function describeBody(raw: Uint8Array | null): DeliveryBody {
  if (!raw || raw.length === 0) return { kind: "none" };
  const bytes = raw.length;
  let text: string;
  let why = "not JSON";
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    text = new TextDecoder("utf-8").decode(raw);
    why = "not valid UTF-8 (invalid bytes shown as �)";
  }
  if (why === "not JSON") {
    const scan = scanJson(text);
    if (scan.refused?.kind === "too_deep") why = `nested deeper than ${MAX_JSON_DEPTH} levels`;
    else {
      try {
        return { kind: "json", value: JSON.parse(text), bytes };
      } catch {
        // shown as text
      }
    }
  }
  return { kind: "text", text: visible(text.slice(0, SHOWN_CHARS)), bytes, truncated: text.length > SHOWN_CHARS, why };
}

/** One delivery (a POST to the webhook) for its page: the row, its event when one was stored, and the body kept for a refused one. */
export async function getDelivery(prisma: PrismaClient, rawId: string) {
  const id = parseRecordId(rawId);
  if (id === null) return null;
  const d = await prisma.webhookDelivery.findUnique({ where: { id }, select: { ...deliveryRowSelect, rawBody: true } });
  if (!d) return null;
  // A refused delivery has no event of its own; link the event when another copy of it was stored.
  const stored =
    d.eventId ?? (d.externalEventId ? (await prisma.webhookEvent.findUnique({ where: { source_externalId: { source: "firstpromoter", externalId: d.externalEventId } }, select: { id: true } }))?.id ?? null : null);
  const { rawBody, ...row } = d;
  return { delivery: toDeliveryRow({ ...row, eventId: stored }), body: describeBody(rawBody) };
}

export type DeliveryDetail = NonNullable<Awaited<ReturnType<typeof getDelivery>>>;
