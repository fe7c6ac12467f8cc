import type { LeadEventData } from "@/lib/firstpromoter/types.ts";
import type { Ingest } from "../ingest.ts";
import { leadEventStatements, projectLeadEvent } from "./lead-event.ts";

/** lead_signup: a lead signed up (state signup). Projects the lead, its promotion, campaign and promoter with balances. */
export function handleLeadSignup(data: LeadEventData, ingest: Ingest) {
  return ingest(leadEventStatements, projectLeadEvent(data));
}
