import "server-only";
import { facetCounts } from "@/lib/data-table/facet-counts.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";
import { dataSchemas } from "@/lib/firstpromoter/schemas.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { EVENT_FORMATS, EVENT_OUTCOMES, FORMAT_SOURCE } from "./search-params.ts";

export type EventFacets = { type: FacetOption[]; outcome: FacetOption[]; format: FacetOption[]; entity: FacetOption[] };

/** The v2 entity kinds Ledger projects (lib/events/v2-event-types.ts), always offered in the filter. */
const KNOWN_ENTITIES = ["promoter", "promotercampaign", "referral", "commission", "payout"];

/**
 * Options for the type and outcome filters, with counts over all events. A GROUP BY over a million
 * events takes seconds, so above a small table the counts are the planner's statistics (marked
 * approximate) — see facetCounts. Types are the known ones plus any other type the statistics saw
 * (unknown types are stored too), plus the ones currently selected so a filter never loses its chip.
 */
export async function listEventFacets(prisma: PrismaClient, selectedTypes: string[] = [], selectedEntities: string[] = []): Promise<EventFacets> {
  const [types, outcomes, sources, entities] = await Promise.all([
    facetCounts(prisma, "webhook_event", "type"),
    facetCounts(prisma, "webhook_event", "status"),
    facetCounts(prisma, "webhook_event", "source"),
    facetCounts(prisma, "webhook_event", "entity_type"),
  ]);
  const entityValues = new Set([...KNOWN_ENTITIES, ...(entities?.counts.keys() ?? []), ...selectedEntities]);
  const typeValues = new Set([...Object.keys(dataSchemas), ...(types?.counts.keys() ?? []), ...selectedTypes]);
  return {
    type: [...typeValues]
      .map((value) => ({ value, label: value, count: types?.counts.get(value) ?? (types && !types.approximate ? 0 : undefined), approximate: types?.approximate }))
      .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.value.localeCompare(b.value)),
    format: EVENT_FORMATS.map((value) => ({
      value,
      label: value,
      count: sources?.counts.get(FORMAT_SOURCE[value]) ?? (sources && !sources.approximate ? 0 : undefined),
      approximate: sources?.approximate,
    })),
    entity: [...entityValues]
      .map((value) => ({ value, label: value, count: entities?.counts.get(value) ?? (entities && !entities.approximate ? 0 : undefined), approximate: entities?.approximate }))
      .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.value.localeCompare(b.value)),
    outcome: EVENT_OUTCOMES.map((value) => ({
      value,
      label: value,
      count: outcomes?.counts.get(value) ?? (outcomes && !outcomes.approximate ? 0 : undefined),
      approximate: outcomes?.approximate,
    })),
  };
}
