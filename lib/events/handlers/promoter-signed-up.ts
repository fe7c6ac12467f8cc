import type { PromoterSignedUpData } from "@/lib/firstpromoter/types.ts";
import { promoterSignedUpDataSchema } from "@/lib/firstpromoter/schemas.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { defineHandler } from "../event-handler.ts";
import { addPromoter, addPromotion } from "@/lib/projections/add-rows.ts";

/** promoter_signed_up (also sent as promoter_signs_up): the promoter and its promotions. temp_password was redacted before. */
export function projectPromoterSignedUp(data: PromoterSignedUpData): Projection {
  const p = new Projection();
  addPromoter(p, data.promoter);
  for (const promotion of data.promotions ?? []) addPromotion(p, promotion, data.promoter.id);
  return p;
}

export const promoterSignedUp = defineHandler(promoterSignedUpDataSchema, projectPromoterSignedUp);
