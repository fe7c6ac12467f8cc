import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { parseEventId } from "./get-event.ts";

/**
 * Whether a URL segment names a stored event (a positive bigint with a row: a primary-key lookup).
 * The detail route's layout asks first, outside the page's loading boundary, so an unknown id is
 * answered 404 before anything streams (inside the boundary the status would already be 200).
 */
export async function eventExists(prisma: PrismaClient, rawId: string): Promise<boolean> {
  const id = parseEventId(rawId);
  if (id === null) return false;
  return (await prisma.webhookEvent.findUnique({ where: { id }, select: { id: true } })) !== null;
}
