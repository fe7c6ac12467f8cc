import type { LeadEventData } from "@/lib/firstpromoter/types.ts";
import type { Ingest } from "../ingest.ts";
import { leadEventStatements, projectLeadEvent } from "./lead-event.ts";

/** new_customer: a lead became a paying customer (customer_since, plan_name). Projects the lead, its promotion, campaign and promoter with balances. */
export function handleNewCustomer(data: LeadEventData, ingest: Ingest) {
  return ingest(leadEventStatements, projectLeadEvent(data));
}
