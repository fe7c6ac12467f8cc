import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { parseRecordId } from "./parse-record-id.ts";

/** The records with a detail route. */
export type RecordKind = "promoter" | "lead" | "fulfilment" | "payout" | "event" | "delivery";

/**
 * Whether a URL segment names a stored record of this kind: a canonical id (parseRecordId) with a
 * row, by primary key. Each detail route's layout asks first, outside the page's loading boundary,
 * so an unknown id is answered 404 before anything streams (inside the boundary the status would
 * already be 200).
 */
export async function recordExists(prisma: PrismaClient, kind: RecordKind, rawId: string): Promise<boolean> {
  const id = parseRecordId(rawId);
  if (id === null) return false;
  const query = { where: { id }, select: { id: true } } as const;
  switch (kind) {
    case "promoter":
      return (await prisma.promoter.findUnique(query)) !== null;
    case "lead":
      return (await prisma.lead.findUnique(query)) !== null;
    case "fulfilment":
      return (await prisma.fulfilment.findUnique(query)) !== null;
    case "payout":
      return (await prisma.payout.findUnique(query)) !== null;
    case "event":
      return (await prisma.webhookEvent.findUnique(query)) !== null;
    case "delivery":
      return (await prisma.webhookDelivery.findUnique(query)) !== null;
  }
}
