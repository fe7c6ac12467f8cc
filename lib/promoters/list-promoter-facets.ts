import "server-only";
import { EXACT_FACETS_BELOW, facetCounts } from "@/lib/data-table/facet-counts.ts";
import { estimateRows } from "@/lib/data-table/keyset.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { BALANCE_UNITS, unitLabel } from "./balance-units.ts";
import type { PromotersSearch } from "./search-params.ts";

export type PromoterFacets = { status: FacetOption[]; campaign: FacetOption[]; balance: FacetOption[] };

/** Statuses FirstPromoter uses, offered when the counts cannot list them all (large table, estimates). */
const KNOWN_STATUSES = ["active", "pending", "inactive", "denied", "blocked"];
/** Campaigns offered in the menu; a program has a handful, this only bounds a pathological one. */
const MAX_CAMPAIGNS = 200;

/** Below EXACT_FACETS_BELOW rows (or never analyzed), counting is a few milliseconds. */
async function small(prisma: PrismaClient, table: string): Promise<boolean> {
  const estimate = await estimateRows(prisma, table);
  return estimate === null || estimate < EXACT_FACETS_BELOW;
}

/**
 * Options for the status, campaign and "has balance in" filters. Counts are exact while the tables
 * are small; above that, statuses come from the planner's statistics (approximate, see facetCounts)
 * and campaigns and units are listed without counts (a GROUP BY over every promotion or balance row
 * would cost more than the page). Selected values are always offered, so a filter never loses its chip.
 */
export async function listPromoterFacets(prisma: PrismaClient, selected: PromotersSearch["filters"]): Promise<PromoterFacets> {
  // One after the other: each is a few milliseconds, and they run beside the page's own queries (a
  // transaction among many concurrent statements is what the embedded PGlite cannot serve).
  const statuses = await facetCounts(prisma, "promoter", "status");
  const campaigns = await campaignOptions(prisma, selected.campaign);
  const units = await unitOptions(prisma);

  const statusValues = new Set([...(statuses?.counts.keys() ?? []), ...(statuses && !statuses.approximate ? [] : KNOWN_STATUSES), ...selected.status]);
  const status = [...statusValues]
    .map((value) => ({ value, label: value, count: statuses?.counts.get(value) ?? (statuses && !statuses.approximate ? 0 : undefined), approximate: statuses?.approximate }))
    .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.value.localeCompare(b.value));

  const unitValues = [...new Set<string>([...BALANCE_UNITS, ...(units?.keys() ?? []), ...selected.balance])];
  const balance = unitValues.map((value) => ({ value, label: unitLabel(value), count: units ? (units.get(value) ?? 0) : undefined }));

  return { status, campaign: campaigns, balance };
}

/** Campaigns by name, each with how many promoters have a promotion in it (exact on a small table). */
async function campaignOptions(prisma: PrismaClient, selected: string[]): Promise<FacetOption[]> {
  const exact = await small(prisma, "promotion");
  const count = exact
    ? Prisma.sql`(SELECT count(DISTINCT pr.promoter_id)::int FROM promotion pr WHERE pr.campaign_id = c.id)`
    : Prisma.sql`NULL::int`;
  const rows = await prisma.$queryRaw<{ id: string; name: string | null; n: number | null }[]>(Prisma.sql`
    (SELECT c.id::text AS id, c.name, ${count} AS n FROM campaign c ORDER BY c.name NULLS LAST, c.id ${Prisma.raw(`LIMIT ${MAX_CAMPAIGNS}`)})
    UNION
    (SELECT c.id::text, c.name, ${count} FROM campaign c WHERE c.id = ANY(${selected}::bigint[]))`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A selected id with no campaign row still gets its chip (and matches nothing).
  for (const id of selected) if (!byId.has(id)) byId.set(id, { id, name: null, n: exact ? 0 : null });
  return [...byId.values()]
    .map((r) => ({ value: r.id, label: r.name ?? `Campaign ${r.id}`, count: r.n ?? undefined }))
    .sort((a, b) => a.label.localeCompare(b.label) || a.value.localeCompare(b.value));
}

/** Promoters with a non-zero current balance, per unit; null when the balance table is too large to count. */
async function unitOptions(prisma: PrismaClient): Promise<Map<string, number> | null> {
  if (!(await small(prisma, "promoter_balance"))) return null;
  const rows = await prisma.$queryRaw<{ unit: string; n: number }[]>(Prisma.sql`
    SELECT unit, count(*)::int AS n FROM promoter_balance WHERE kind = 'current' AND amount <> 0 GROUP BY unit`);
  return new Map(rows.map((r) => [r.unit, r.n]));
}
