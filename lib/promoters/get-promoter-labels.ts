import "server-only";
import type { FacetOption } from "@/lib/data-table/types.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

/**
 * Labels for the promoter ids in a `?promoter=` filter (the removable chip on the rewards and
 * fulfilments screens): the promoter's name, else email, else the id. An id Ledger has not stored
 * keeps its chip ("not stored"), so the filter that hides every row is still visible and removable.
 * One query for all of them (at most the filter's 20 ids).
 */
export async function getPromoterLabels(prisma: PrismaClient, ids: string[]): Promise<FacetOption[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.promoter.findMany({
    where: { id: { in: ids.map((id) => BigInt(id)) } },
    select: { id: true, email: true, firstName: true, lastName: true },
  });
  const byId = new Map(rows.map((p) => [p.id.toString(), p]));
  return ids.map((id) => {
    const p = byId.get(id);
    if (!p) return { value: id, label: `Promoter ${id} (not stored)` };
    const name = [p.firstName, p.lastName].filter(Boolean).join(" ");
    return { value: id, label: name && p.email ? `${name} (${p.email})` : name || p.email || `Promoter ${id}` };
  });
}
