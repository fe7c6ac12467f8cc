import type { FpPromoter, FpPromotion } from "@/lib/firstpromoter/types.ts";
import type { Projection } from "./projection.ts";
import { promoterRows } from "./promoters.ts";
import { promotionRows } from "./promotions.ts";

// Snapshots that add rows to more than one table, shared by the handlers.

/** A promoter snapshot and its balances (one row per kind and unit). */
export function addPromoter(p: Projection, promoter: FpPromoter): void {
  const { promoter: row, balances } = promoterRows(promoter);
  p.promoters.add(row);
  for (const b of balances) p.balances.add(b);
}

/** A promotion and the campaign it names; `promoterId` when the event says whose it is. */
export function addPromotion(p: Projection, promotion: FpPromotion, promoterId: string | null): void {
  const { promotion: row, campaign } = promotionRows(promotion, promoterId);
  p.promotions.add(row);
  if (campaign) p.campaigns.add(campaign);
}
