import "server-only";
import { facetCounts } from "@/lib/data-table/facet-counts.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from "./actions.ts";
import { ANONYMOUS_ACTOR, AUDIT_TARGET_TYPES } from "./search-params.ts";

export type ActivityFacets = { action: FacetOption[]; actor: FacetOption[]; target_type: FacetOption[] };

/**
 * Options for the Activity filters: every known action (with counts, estimated on a large log), the
 * users (current ones; a removed user's rows still filter by the id in the URL) and record kinds.
 */
export async function listActivityFacets(prisma: PrismaClient, selected: { action: string[]; actor: string[] }): Promise<ActivityFacets> {
  const [counts, users] = await Promise.all([
    facetCounts(prisma, "audit_log", "action"),
    prisma.user.findMany({ select: { id: true, email: true }, orderBy: { email: "asc" }, take: 200 }),
  ]);
  const actions = new Set<string>([...AUDIT_ACTIONS, ...(counts?.counts.keys() ?? []), ...selected.action]);
  const label = (a: string) => (AUDIT_ACTION_LABELS as Record<string, string>)[a] ?? a;
  const known = new Set(users.map((u) => u.id));
  return {
    action: [...actions]
      .map((value) => ({ value, label: label(value), count: counts?.counts.get(value) ?? (counts && !counts.approximate ? 0 : undefined), approximate: counts?.approximate }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    actor: [
      ...users.map((u) => ({ value: u.id, label: u.email })),
      ...selected.actor.filter((id) => id !== ANONYMOUS_ACTOR && !known.has(id)).map((id) => ({ value: id, label: `removed user ${id.slice(0, 8)}` })),
      { value: ANONYMOUS_ACTOR, label: "No signed-in user" },
    ],
    target_type: AUDIT_TARGET_TYPES.map((value) => ({ value, label: value })),
  };
}
