import type { FulfilmentPendingData } from "@/lib/firstpromoter/types.ts";
import { campaignRow } from "@/lib/projections/campaigns.ts";
import { addFulfilment } from "@/lib/projections/fulfilments.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { addPromoter } from "@/lib/projections/promoters.ts";
import { type Ingest, statementsFor } from "../ingest.ts";

const statements = statementsFor(["campaign", "promoter", "balance", "fulfilment"]);

/**
 * fulfilment_pending: a payout awaiting fulfilment. Answered by its review state on every delivery
 * (the statement returns it): approved → 200 (FirstPromoter marks it fulfilled), else 202 (it re-sends).
 */
export function handleFulfilmentPending(data: FulfilmentPendingData, ingest: Ingest) {
  const p = new Projection();
  if (data.campaign) p.campaigns.add(campaignRow(data.campaign));
  if (data.promoter) addPromoter(p, data.promoter);
  addFulfilment(p, data);
  return ingest(statements, p);
}
