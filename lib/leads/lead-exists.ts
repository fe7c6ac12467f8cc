import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { parseLeadId } from "./get-lead.ts";

/**
 * Whether a URL segment names a stored lead (a positive bigint with a row: a primary-key lookup).
 * The detail route's layout asks first, outside the page's loading boundary, so an unknown id is
 * answered 404 before anything streams (inside the boundary the status would already be 200).
 */
export async function leadExists(prisma: PrismaClient, rawId: string): Promise<boolean> {
  const id = parseLeadId(rawId);
  if (id === null) return false;
  return (await prisma.lead.findUnique({ where: { id }, select: { id: true } })) !== null;
}
