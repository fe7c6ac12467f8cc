import { defineHandler } from "../event-handler.ts";
import { leadEventDataSchema } from "@/lib/firstpromoter/schemas.ts";
import { projectLeadEvent } from "./lead-event.ts";

/** lead_cancelled: the customer cancelled (cancelled_at). Projects the lead, its promotion, campaign and promoter with balances. */
export const leadCancelled = defineHandler(leadEventDataSchema, projectLeadEvent);
