import type { PromoterSignedUpData } from "@/lib/firstpromoter/types.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { addPromoter } from "@/lib/projections/promoters.ts";
import { addPromotion } from "@/lib/projections/promotions.ts";
import { type Ingest, statementsFor } from "../ingest.ts";

const statements = statementsFor(["campaign", "promoter", "balance", "promotion"]);

/** promoter_signed_up (also sent as promoter_signs_up): the promoter and its promotions. temp_password was redacted before. */
export function handlePromoterSignedUp(data: PromoterSignedUpData, ingest: Ingest) {
  const p = new Projection();
  addPromoter(p, data.promoter);
  for (const promotion of data.promotions ?? []) addPromotion(p, promotion, data.promoter.id);
  return ingest(statements, p);
}
