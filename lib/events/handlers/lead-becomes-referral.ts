import { defineHandler } from "../event-handler.ts";
import { leadEventDataSchema } from "@/lib/firstpromoter/schemas.ts";
import { projectLeadEvent } from "./lead-event.ts";

/** lead_becomes_referral: the lead became a referral. Projects the lead, its promotion, campaign and promoter with balances. */
export const leadBecomesReferral = defineHandler(leadEventDataSchema, projectLeadEvent);
