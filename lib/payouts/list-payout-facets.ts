import "server-only";
import { type FacetCounts, facetCounts } from "@/lib/data-table/facet-counts.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { getPromoterLabels } from "@/lib/promoters/get-promoter-labels.ts";
import type { PayoutsSearch } from "./search-params.ts";
import { DELETED_OPTIONS } from "@/lib/data-table/deleted-filter.ts";

// The payouts screen's filter options: status with counts, the promoter chip's labels, and the
// deleted filter's two choices.

export type PayoutFacets = { status: FacetOption[]; promoter: FacetOption[]; deleted: FacetOption[] };

/** The statuses FirstPromoter's Payout schema documents, offered before any payout used them. */
const KNOWN_STATUSES = ["pending", "processing", "completed", "failed", "cancelled"];

export async function listPayoutFacets(prisma: PrismaClient, filters: Pick<PayoutsSearch["filters"], "status" | "promoter">): Promise<PayoutFacets> {
  const [status, promoter] = await Promise.all([facetCounts(prisma, "payout", "status"), getPromoterLabels(prisma, filters.promoter)]);
  return { status: options(status, KNOWN_STATUSES, filters.status), promoter, deleted: DELETED_OPTIONS };
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
