import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { parsePromoterId } from "./get-promoter.ts";

/**
 * Whether a URL segment names a stored promoter: a positive bigint with a row (a primary-key
 * lookup). The detail route's layout asks first, outside the page's loading boundary, so that an
 * unknown id is answered 404 before anything streams (inside the boundary the status is already 200).
 */
export async function promoterExists(prisma: PrismaClient, rawId: string): Promise<boolean> {
  const id = parsePromoterId(rawId);
  if (id === null) return false;
  return (await prisma.promoter.findUnique({ where: { id }, select: { id: true } })) !== null;
}
