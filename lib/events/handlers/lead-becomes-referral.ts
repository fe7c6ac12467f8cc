import type { LeadEventData } from "@/lib/firstpromoter/types.ts";
import type { Ingest } from "../ingest.ts";
import { leadEventStatements, projectLeadEvent } from "./lead-event.ts";

/** lead_becomes_referral: a lead became a referral. Projects the lead, its promotion, campaign and promoter with balances. */
export function handleLeadBecomesReferral(data: LeadEventData, ingest: Ingest) {
  return ingest(leadEventStatements, projectLeadEvent(data));
}
