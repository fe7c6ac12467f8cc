import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { parseFulfilmentId } from "./get-fulfilment.ts";

/**
 * Whether a URL segment names a stored fulfilment (a positive bigint with a row: a primary-key
 * lookup). The detail route's layout asks first, outside the page's loading boundary, so an unknown
 * id is answered 404 before anything streams (inside the boundary the status would already be 200).
 */
export async function fulfilmentExists(prisma: PrismaClient, rawId: string): Promise<boolean> {
  const id = parseFulfilmentId(rawId);
  if (id === null) return false;
  return (await prisma.fulfilment.findUnique({ where: { id }, select: { id: true } })) !== null;
}
