import "server-only";
import { EXACT_FACETS_BELOW, type FacetCounts, facetCounts } from "@/lib/data-table/facet-counts.ts";
import { estimateRows } from "@/lib/data-table/keyset.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { promoterLabel } from "./promoter-label.ts";
import { KNOWN_LEAD_STATES, KNOWN_SUSPICIONS, type LeadsSearch } from "./search-params.ts";

export type LeadFacets = { state: FacetOption[]; suspicion: FacetOption[]; promoter: FacetOption[]; campaign: FacetOption[]; plan: FacetOption[] };

/** Promoters offered in the filter without being selected: the ones with the most leads. */
const TOP_PROMOTERS = 20;
/** Campaigns offered (a program has a handful; the cap only guards the menu). */
const MAX_CAMPAIGNS = 200;

/**
 * Options for the leads screen's faceted filters, with counts over all leads: exact on a small
 * table, the planner's statistics above it (approximate, free), none when neither is cheap (see
 * facetCounts). Every selected value is kept as an option so a filter never loses its chip, and
 * promoters and campaigns are labelled by name (a promoter linked from its page shows its name).
 */
export async function listLeadFacets(prisma: PrismaClient, filters: Pick<LeadsSearch["filters"], "state" | "suspicion" | "promoter" | "campaign" | "plan">): Promise<LeadFacets> {
  const [states, suspicions, plans, promoters, campaigns] = await Promise.all([
    facetCounts(prisma, "lead", "state"),
    facetCounts(prisma, "lead", "suspicion"),
    facetCounts(prisma, "lead", "plan_name"),
    promoterOptions(prisma, filters.promoter),
    campaignOptions(prisma, filters.campaign),
  ]);
  return {
    state: options(states, [...KNOWN_LEAD_STATES, ...filters.state]),
    suspicion: options(suspicions, [...KNOWN_SUSPICIONS, ...filters.suspicion]),
    promoter: promoters,
    campaign: campaigns,
    plan: options(plans, filters.plan),
  };
}

/** Values the counts saw plus `extra`, most common first, each labelled as it is stored. */
function options(counts: FacetCounts | null, extra: readonly string[]): FacetOption[] {
  const values = new Set([...(counts?.counts.keys() ?? []), ...extra]);
  return [...values]
    .map((value) => ({ value, label: value, ...countOf(counts, value) }))
    .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.value.localeCompare(b.value));
}

/** An exact count is 0 when the value was not seen; an estimate says nothing about rare values. */
function countOf(counts: FacetCounts | null, value: string): Pick<FacetOption, "count" | "approximate"> {
  if (!counts) return {};
  const count = counts.counts.get(value) ?? (counts.approximate ? undefined : 0);
  return { count, approximate: counts.approximate };
}

type PromoterLabel = { id: bigint; first_name: string | null; last_name: string | null; email: string | null };

async function promoterOptions(prisma: PrismaClient, selected: string[]): Promise<FacetOption[]> {
  const counts = await facetCounts(prisma, "lead", "promoter_id");
  const top = [...(counts?.counts ?? [])].sort((a, b) => b[1] - a[1]).slice(0, TOP_PROMOTERS).map(([id]) => id);
  const ids = [...new Set([...selected, ...top])];
  if (ids.length === 0) return [];
  const rows = await prisma.$queryRaw<PromoterLabel[]>(
    Prisma.sql`SELECT id, first_name, last_name, email FROM promoter WHERE id = ANY(${ids}::bigint[])`,
  );
  const byId = new Map(rows.map((r) => [r.id.toString(), r]));
  return ids
    .map((value) => ({ value, label: promoterLabel(byId.get(value), value), ...countOf(counts, value) }))
    .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.label.localeCompare(b.label));
}

async function campaignOptions(prisma: PrismaClient, selected: string[]): Promise<FacetOption[]> {
  const [campaigns, counts] = await Promise.all([
    prisma.$queryRaw<{ id: bigint; name: string | null }[]>(
      Prisma.sql`SELECT id, name FROM campaign
                 WHERE id = ANY(${selected}::bigint[]) OR id IN (SELECT id FROM campaign ORDER BY name NULLS LAST, id ${Prisma.raw(`LIMIT ${MAX_CAMPAIGNS}`)})`,
    ),
    leadsPerCampaign(prisma),
  ]);
  const byId = new Map(campaigns.map((c) => [c.id.toString(), c.name]));
  const ids = new Set([...byId.keys(), ...selected]);
  return [...ids]
    .map((value) => ({ value, label: byId.get(value) || `Campaign ${value}`, ...countOf(counts, value) }))
    .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.label.localeCompare(b.label));
}

/**
 * Leads per campaign (through their promotion): exact while the lead table is small, else none (a
 * join has no statistics to estimate from; reading every lead to count would cost seconds).
 */
async function leadsPerCampaign(prisma: PrismaClient): Promise<FacetCounts | null> {
  const estimate = await estimateRows(prisma, "lead");
  if (estimate !== null && estimate >= EXACT_FACETS_BELOW) return null;
  if (estimate === null) {
    // Never analyzed: count only when it turns out small (the LIMIT caps the probe).
    const [probe] = await prisma.$queryRaw<{ n: number }[]>(
      Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM lead ${Prisma.raw(`LIMIT ${EXACT_FACETS_BELOW}`)}) AS p`,
    );
    if ((probe?.n ?? 0) >= EXACT_FACETS_BELOW) return null;
  }
  const rows = await prisma.$queryRaw<{ value: string; n: number }[]>(Prisma.sql`
    SELECT po.campaign_id::text AS value, count(*)::int AS n
    FROM lead l JOIN promotion po ON po.id = l.promotion_id
    WHERE po.campaign_id IS NOT NULL
    GROUP BY 1`);
  return { counts: new Map(rows.map((r) => [r.value, r.n])), approximate: false };
}
