import type { RewardCreatedData } from "@/lib/firstpromoter/types.ts";
import { rewardCreatedDataSchema } from "@/lib/firstpromoter/schemas.ts";
import { leadRow } from "@/lib/projections/leads.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { rewardRow } from "@/lib/projections/rewards.ts";
import { defineHandler } from "../event-handler.ts";
import { addPromoter, addPromotion } from "@/lib/projections/add-rows.ts";

/**
 * reward_created: the reward, plus partial snapshots of its lead, promoter and promotion. A lead or
 * promoter first seen here is created from these fields and completed by later (or earlier-sent) events.
 */
export function projectRewardCreated(data: RewardCreatedData): Projection {
  const p = new Projection();
  const promoterId = data.promoter?.id ?? null;
  if (data.promoter) addPromoter(p, data.promoter);
  if (data.promotion) addPromotion(p, data.promotion, promoterId);
  // The nested lead states no attribution of its own; the lead events set it.
  if (data.lead) p.leads.add(leadRow(data.lead, { promoterId: null, promotionId: null }));
  p.rewards.add(rewardRow(data));
  return p;
}

export const rewardCreated = defineHandler(rewardCreatedDataSchema, projectRewardCreated);
