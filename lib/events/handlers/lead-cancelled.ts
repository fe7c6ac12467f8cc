import type { LeadEventData } from "@/lib/firstpromoter/types.ts";
import type { Ingest } from "../ingest.ts";
import { leadEventStatements, projectLeadEvent } from "./lead-event.ts";

/** lead_cancelled: a customer cancelled (cancelled_at). Projects the lead, its promotion, campaign and promoter with balances. */
export function handleLeadCancelled(data: LeadEventData, ingest: Ingest) {
  return ingest(leadEventStatements, projectLeadEvent(data));
}
