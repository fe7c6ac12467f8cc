import { defineHandler } from "../event-handler.ts";
import { leadEventDataSchema } from "@/lib/firstpromoter/schemas.ts";
import { projectLeadEvent } from "./lead-event.ts";

/** lead_signup: a lead signed up (state signup). Projects the lead, its promotion, campaign and promoter with balances. */
export const leadSignup = defineHandler(leadEventDataSchema, projectLeadEvent);
