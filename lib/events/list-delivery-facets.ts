import "server-only";
import { facetCounts } from "@/lib/data-table/facet-counts.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { DELIVERY_OUTCOMES } from "./search-params.ts";

export type DeliveryFacets = { outcome: FacetOption[]; status_code: FacetOption[] };

/** The status codes the webhook answers (lib/errors.ts and the fulfilment protocol). */
const KNOWN_CODES = ["200", "202", "400", "401", "413", "415", "422", "500", "503"];

/** Options for the deliveries tab's filters, with counts over all deliveries (estimated on a large table; see facetCounts). */
export async function listDeliveryFacets(prisma: PrismaClient, selectedCodes: string[] = []): Promise<DeliveryFacets> {
  const [outcomes, codes] = await Promise.all([facetCounts(prisma, "webhook_delivery", "outcome"), facetCounts(prisma, "webhook_delivery", "status_code")]);
  const option = (counts: typeof outcomes, value: string): FacetOption => ({
    value,
    label: value,
    count: counts?.counts.get(value) ?? (counts && !counts.approximate ? 0 : undefined),
    approximate: counts?.approximate,
  });
  const codeValues = [...new Set([...KNOWN_CODES, ...(codes?.counts.keys() ?? []), ...selectedCodes])].sort();
  return { outcome: DELIVERY_OUTCOMES.map((v) => option(outcomes, v)), status_code: codeValues.map((v) => option(codes, v)) };
}
