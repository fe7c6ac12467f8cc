import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { keysetBatch } from "@/lib/export/keyset-batch.ts";
import type { ExportSource } from "@/lib/export/types.ts";
import { type EventRaw, eventConditions, eventCursorKey, eventKeyset, eventListSql } from "./list-events.ts";
import { type EventsSearch, eventsSearchSpec, parseEventsSearch } from "./search-params.ts";

/** The events screen as CSV: the same filters and order. */
export const eventsExport: ExportSource<EventRaw, EventsSearch> = {
  entity: "events",
  fileStem: "events",
  parse: parseEventsSearch,
  columns: [
    { id: "id", label: "Ledger id", value: (r) => r.id, optional: true },
    { id: "external_id", label: "Event id", value: (r) => r.externalId },
    { id: "type", label: "Type", value: (r) => r.type },
    { id: "format", label: "Format", value: (r) => r.format },
    { id: "entity", label: "Entity (v2)", value: (r) => r.entityType, optional: true },
    { id: "outcome", label: "Outcome", value: (r) => r.status },
    { id: "error", label: "Error", value: (r) => r.error },
    { id: "occurred_at", label: "Occurred", value: (r) => r.occurredAt },
    { id: "received_at", label: "Received", value: (r) => r.receivedAt },
  ],
  batch: (prisma, search) => {
    const where = eventConditions(search);
    return keysetBatch(
      eventKeyset(search),
      eventsSearchSpec.sortKeys,
      (k) => queryPlannedForValues<EventRaw[]>(prisma, eventListSql(where, k)),
      eventCursorKey(search),
    );
  },
};
