import type { z } from "zod";
import type * as s from "./schemas.ts";

export type FpPromoter = z.infer<typeof s.promoterSchema>;
export type FpCampaign = z.infer<typeof s.campaignSchema>;
export type FpPromotion = z.infer<typeof s.promotionSchema>;
export type FpLead = z.infer<typeof s.leadSchema>;
export type LeadEventData = z.infer<typeof s.leadEventDataSchema>;
export type PromoterSignedUpData = z.infer<typeof s.promoterSignedUpDataSchema>;
export type PromoterAcceptedData = z.infer<typeof s.promoterAcceptedDataSchema>;
export type RewardCreatedData = z.infer<typeof s.rewardCreatedDataSchema>;
export type FulfilmentPendingData = z.infer<typeof s.fulfilmentPendingDataSchema>;
