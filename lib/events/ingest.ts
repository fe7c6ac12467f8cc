import { type Mode, type ProjectedTable, type Statement, buildIngestStatement } from "./sql/build-ingest-statement.ts";
import type { Projection } from "@/lib/projections/projection.ts";

/** What an ingest statement returns. */
export type IngestRow = {
  /** Ledger's event row id; null for a duplicate. */
  event_id: string | null;
  /** The HTTP status decided in SQL (live mode only): 200, or 202 for an unapproved fulfilment. */
  status_code?: number;
  outcome?: "accepted" | "duplicate" | "ignored" | "rejected";
  review_status: "pending" | "approved" | "held" | "rejected" | null;
};

export type Statements = Record<Mode, Statement>;

/** Runs a handler's statement with its projection; the caller binds the event and delivery parameters. */
export type Ingest = (statements: Statements, projection: Projection) => Promise<IngestRow>;

/** A handler's statements, built once at module load: live (webhook) and replay (stored events). */
export function statementsFor(tables: ProjectedTable[]): Statements {
  return {
    live: buildIngestStatement({ status: "processed", tables }, "live"),
    replay: buildIngestStatement({ status: "processed", tables }, "replay"),
  };
}
