import { defineHandler } from "../event-handler.ts";
import { leadEventDataSchema } from "@/lib/firstpromoter/schemas.ts";
import { projectLeadEvent } from "./lead-event.ts";

/** new_customer: the lead became a paying customer (customer_since, plan_name). Projects the lead, its promotion, campaign and promoter with balances. */
export const newCustomer = defineHandler(leadEventDataSchema, projectLeadEvent);
