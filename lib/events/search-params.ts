import { createSearchParser } from "@/lib/data-table/parsers.ts";
import type { TableSearch, TableSearchSpec } from "@/lib/data-table/types.ts";

// The URLs of the events screen (/events) and its deliveries tab (/events/deliveries): what each
// accepts, allow-listed. The parameter names are the table's column ids.

export const EVENT_OUTCOMES = ["processed", "ignored", "failed"] as const;

/** The webhook formats and the event source each is stored under (webhook_event.source). */
export const EVENT_FORMATS = ["v1", "v2"] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];
export const FORMAT_SOURCE: Record<EventFormat, string> = { v1: "firstpromoter", v2: "firstpromoter_v2" };

/** v2 entity types as stored (lower-case, no underscores: lib/firstpromoter/v2-schemas.ts normaliseEntityType). */
const ENTITY_TYPE = /^[a-z0-9.]{1,60}$/;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/** The shape webhook event types are accepted in (lib/firstpromoter/schemas.ts envelope). */
const EVENT_TYPE = /^[A-Za-z0-9_.:-]{1,100}$/;

export const eventsSearchSpec = {
  sortKeys: { received_at: "date", occurred_at: "date" },
  defaultSort: { id: "received_at", desc: true },
  perPageOptions: [20, 50, 100],
  defaultPerPage: 50,
  filters: {
    type: { kind: "multi", pattern: EVENT_TYPE, max: 30 },
    outcome: { kind: "multi", values: EVENT_OUTCOMES },
    format: { kind: "multi", values: EVENT_FORMATS },
    entity: { kind: "multi", pattern: ENTITY_TYPE, max: 30 },
    occurred_at: { kind: "dateRange" },
  },
  // An email address is at most 254 characters.
  searchMaxLength: 254,
} as const satisfies TableSearchSpec;

export type EventsSearch = TableSearch<typeof eventsSearchSpec>;
export const parseEventsSearch = createSearchParser(eventsSearchSpec);

export const DELIVERY_OUTCOMES = ["accepted", "duplicate", "ignored", "rejected"] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

export const deliveriesSearchSpec = {
  sortKeys: { received_at: "date" },
  defaultSort: { id: "received_at", desc: true },
  perPageOptions: [20, 50, 100],
  defaultPerPage: 50,
  filters: {
    outcome: { kind: "multi", values: DELIVERY_OUTCOMES },
    status_code: { kind: "multi", pattern: /^[1-5]\d\d$/, max: 20 },
  },
} as const satisfies TableSearchSpec;

export type DeliveriesSearch = TableSearch<typeof deliveriesSearchSpec>;
export const parseDeliveriesSearch = createSearchParser(deliveriesSearchSpec);

/** How the events search box reads its input: an email, a numeric id (event or promoter), or an event id. */
export type EventSearchTerm = { kind: "email"; email: string } | { kind: "number"; value: string } | { kind: "externalId"; value: string };

export function classifyEventSearch(q: string): EventSearchTerm | null {
  const term = q.trim();
  if (term === "") return null;
  if (term.includes("@")) return { kind: "email", email: term.toLowerCase() };
  // event.id is stored canonically (no leading zeros), as lib/firstpromoter/schemas.ts writes it.
  if (/^\d{1,19}$/.test(term)) return { kind: "number", value: term.replace(/^0+(?=\d)/, "") };
  return { kind: "externalId", value: term };
}
