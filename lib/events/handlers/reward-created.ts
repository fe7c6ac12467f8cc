import type { RewardCreatedData } from "@/lib/firstpromoter/types.ts";
import { addLead } from "@/lib/projections/leads.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { addPromoter } from "@/lib/projections/promoters.ts";
import { addPromotion } from "@/lib/projections/promotions.ts";
import { addReward } from "@/lib/projections/rewards.ts";
import { type Ingest, statementsFor } from "../ingest.ts";

const statements = statementsFor(["campaign", "promoter", "balance", "promotion", "lead", "reward"]);

/**
 * reward_created: the reward, plus partial snapshots of its lead, promoter and promotion. A lead or
 * promoter first seen here is created from these fields and completed by later (or earlier-sent) events.
 */
export function handleRewardCreated(data: RewardCreatedData, ingest: Ingest) {
  const p = new Projection();
  const promoterId = data.promoter?.id ?? null;
  if (data.promoter) addPromoter(p, data.promoter);
  if (data.promotion) addPromotion(p, data.promotion, promoterId);
  // The nested lead states no attribution of its own; the lead events set it.
  if (data.lead) addLead(p, data.lead, { promoterId: null, promotionId: null });
  addReward(p, data);
  return ingest(statements, p);
}
