import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { keysetBatch } from "@/lib/export/keyset-batch.ts";
import type { ExportSource } from "@/lib/export/types.ts";
import { type DeliveryRaw, deliveryConditions, deliveryCursorKey, deliveryKeyset, deliveryListSql } from "./list-deliveries.ts";
import { type DeliveriesSearch, deliveriesSearchSpec, parseDeliveriesSearch } from "./search-params.ts";

/** The delivery log as CSV (rejected deliveries and their reasons included). */
export const deliveriesExport: ExportSource<DeliveryRaw, DeliveriesSearch> = {
  entity: "deliveries",
  fileStem: "deliveries",
  parse: parseDeliveriesSearch,
  columns: [
    { id: "received_at", label: "Received", value: (r) => r.receivedAt },
    { id: "status_code", label: "Status", value: (r) => r.statusCode },
    { id: "outcome", label: "Outcome", value: (r) => r.outcome },
    { id: "error_code", label: "Error code", value: (r) => r.errorCode },
    { id: "reason", label: "Reason", value: (r) => r.reason },
    { id: "external_event_id", label: "Event id", value: (r) => r.externalEventId },
    { id: "format", label: "Format", value: (r) => r.format },
    { id: "event_type", label: "Event type", value: (r) => r.eventType },
    { id: "body_bytes", label: "Body bytes", value: (r) => r.bodyBytes, optional: true },
  ],
  batch: (prisma, search) => {
    const where = deliveryConditions(search);
    return keysetBatch(
      deliveryKeyset(search),
      deliveriesSearchSpec.sortKeys,
      (k) => queryPlannedForValues<DeliveryRaw[]>(prisma, deliveryListSql(where, k)),
      deliveryCursorKey,
    );
  },
};
