import "server-only";
import { facetCounts } from "@/lib/data-table/facet-counts.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";
import { dataSchemas } from "@/lib/firstpromoter/schemas.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { EVENT_OUTCOMES } from "./search-params.ts";

export type EventFacets = { type: FacetOption[]; outcome: FacetOption[] };

/**
 * Options for the type and outcome filters, with counts over all events. A GROUP BY over a million
 * events takes seconds, so above a small table the counts are the planner's statistics (marked
 * approximate) — see facetCounts. Types are the known ones plus any other type the statistics saw
 * (unknown types are stored too), plus the ones currently selected so a filter never loses its chip.
 */
export async function listEventFacets(prisma: PrismaClient, selectedTypes: string[] = []): Promise<EventFacets> {
  const [types, outcomes] = await Promise.all([facetCounts(prisma, "webhook_event", "type"), facetCounts(prisma, "webhook_event", "status")]);
  const typeValues = new Set([...Object.keys(dataSchemas), ...(types?.counts.keys() ?? []), ...selectedTypes]);
  return {
    type: [...typeValues]
      .map((value) => ({ value, label: value, count: types?.counts.get(value) ?? (types && !types.approximate ? 0 : undefined), approximate: types?.approximate }))
      .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.value.localeCompare(b.value)),
    outcome: EVENT_OUTCOMES.map((value) => ({
      value,
      label: value,
      count: outcomes?.counts.get(value) ?? (outcomes && !outcomes.approximate ? 0 : undefined),
      approximate: outcomes?.approximate,
    })),
  };
}
