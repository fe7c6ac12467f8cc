import "server-only";
import { type FacetCounts, facetCounts } from "@/lib/data-table/facet-counts.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { getPromoterLabels } from "@/lib/promoters/get-promoter-labels.ts";
import type { RewardsSearch } from "./search-params.ts";

// The rewards screen's filter options: status and unit with counts, and the promoter chip's labels.

export type RewardFacets = { status: FacetOption[]; unit: FacetOption[]; promoter: FacetOption[] };

/** Statuses and units FirstPromoter documents, offered even before any reward used them. */
const KNOWN_STATUSES = ["pending", "approved", "denied"];
const KNOWN_UNITS = ["cash", "credits", "points", "free_months", "discount_per"];

/**
 * Options for the status and unit filters with counts over all rewards (exact on a small table,
 * the planner's statistics above it: see facetCounts), the values currently selected so a filter
 * never loses its chip, and labels for the promoters in `?promoter=`.
 */
export async function listRewardFacets(prisma: PrismaClient, filters: Pick<RewardsSearch["filters"], "status" | "unit" | "promoter">): Promise<RewardFacets> {
  const [status, unit, promoter] = await Promise.all([
    facetCounts(prisma, "reward", "status"),
    facetCounts(prisma, "reward", "unit"),
    getPromoterLabels(prisma, filters.promoter),
  ]);
  return { status: options(status, KNOWN_STATUSES, filters.status), unit: options(unit, KNOWN_UNITS, filters.unit), promoter };
}

function options(counts: FacetCounts | null, known: string[], selected: string[]): FacetOption[] {
  const values = new Set([...known, ...(counts?.counts.keys() ?? []), ...selected]);
  return [...values]
    .map((value) => ({
      value,
      label: value.replaceAll("_", " "),
      count: counts?.counts.get(value) ?? (counts && !counts.approximate ? 0 : undefined),
      approximate: counts?.approximate,
    }))
    .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.value.localeCompare(b.value));
}
