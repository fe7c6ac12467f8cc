import type { FulfilmentPendingData } from "@/lib/firstpromoter/types.ts";
import { fulfilmentPendingDataSchema } from "@/lib/firstpromoter/schemas.ts";
import { campaignRow } from "@/lib/projections/campaigns.ts";
import { fulfilmentRow } from "@/lib/projections/fulfilments.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { defineHandler } from "../event-handler.ts";
import { addPromoter } from "@/lib/projections/add-rows.ts";

/**
 * fulfilment_pending: a non-monetary reward awaiting fulfilment. Answered by its review state on every
 * delivery (the statement returns it): 200 once an approval can no longer be undone, else 202.
 */
export function projectFulfilmentPending(data: FulfilmentPendingData): Projection {
  const p = new Projection();
  if (data.campaign) p.campaigns.add(campaignRow(data.campaign));
  if (data.promoter) addPromoter(p, data.promoter);
  p.fulfilments.add(fulfilmentRow(data));
  return p;
}

export const fulfilmentPending = defineHandler(fulfilmentPendingDataSchema, projectFulfilmentPending);
