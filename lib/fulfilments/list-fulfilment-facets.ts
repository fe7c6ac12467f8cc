import "server-only";
import { type FacetCounts, facetCounts } from "@/lib/data-table/facet-counts.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { getPromoterLabels } from "@/lib/promoters/get-promoter-labels.ts";
import { type FulfilmentsSearch, REVIEW_STATUSES } from "./search-params.ts";
import { SYNC_LABELS, SYNC_STATES } from "./sync-state.ts";

// The review queue's filter options: review status, unit, campaign and has_issues with counts, and
// the promoter chip's labels.

export type FulfilmentFacets = {
  review_status: FacetOption[];
  sync_state: FacetOption[];
  unit: FacetOption[];
  campaign: FacetOption[];
  has_issues: FacetOption[];
  /** Labels for the promoters in `?promoter=` (the removable chip). */
  promoter: FacetOption[];
};

const KNOWN_UNITS = ["cash", "credits", "points", "free_months", "discount_per"];
/** Campaigns are a handful per program; the menu stops here. */
const MAX_CAMPAIGNS = 100;

/**
 * Options for the queue's filters with counts over all fulfilments (exact on a small table, the
 * planner's statistics above it: see facetCounts), plus whatever is selected, so a filter never
 * loses its chip. Campaign options are the stored campaigns, named.
 */
export async function listFulfilmentFacets(
  prisma: PrismaClient,
  filters: Pick<FulfilmentsSearch["filters"], "unit" | "campaign" | "promoter">,
): Promise<FulfilmentFacets> {
  const [[review, sync, unit, campaignCounts, issues], campaigns, promoter] = await Promise.all([
    countsOf(prisma, ["review_status", "sync_state", "unit", "campaign_id", "has_issues"]),
    prisma.campaign.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" }, take: MAX_CAMPAIGNS }),
    getPromoterLabels(prisma, filters.promoter),
  ]);
  const names = new Map(campaigns.map((c) => [c.id.toString(), c.name ?? `Campaign ${c.id}`]));
  for (const id of filters.campaign) if (!names.has(id)) names.set(id, `Campaign ${id}`);
  return {
    review_status: REVIEW_STATUSES.map((value) => option(value, value, review)),
    // Every state, in the machine's order; those with no fulfilment stay listed (with 0) so the menu reads as the legend.
    sync_state: SYNC_STATES.map((value) => option(value, SYNC_LABELS[value], sync)),
    unit: [...new Set([...KNOWN_UNITS, ...(unit?.counts.keys() ?? []), ...filters.unit])]
      .map((value) => option(value, value.replaceAll("_", " "), unit))
      .sort(byCount),
    campaign: [...names].map(([value, label]) => option(value, label, campaignCounts)).sort(byCount),
    has_issues: [option("yes", "Has issues", issues, "true"), option("no", "No issues", issues, "false")],
    promoter,
  };
}

/**
 * One column after the other: each is a millisecond or two, and the page's list queries run at the
 * same time, so four in parallel would only take more of the pool's connections at once.
 */
async function countsOf<const C extends readonly string[]>(prisma: PrismaClient, columns: C): Promise<{ [K in keyof C]: FacetCounts | null }> {
  const out: (FacetCounts | null)[] = [];
  for (const column of columns) out.push(await facetCounts(prisma, "fulfilment", column));
  return out as { [K in keyof C]: FacetCounts | null };
}

function option(value: string, label: string, counts: FacetCounts | null, countKey = value): FacetOption {
  return { value, label, count: counts?.counts.get(countKey) ?? (counts && !counts.approximate ? 0 : undefined), approximate: counts?.approximate };
}

const byCount = (a: FacetOption, b: FacetOption) => (b.count ?? -1) - (a.count ?? -1) || a.label.localeCompare(b.label);
