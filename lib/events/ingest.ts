import { type Mode, type ProjectedTable, type Statement, buildIngestStatement } from "./sql/build-ingest-statement.ts";
import type { Projection, ProjectionJson } from "@/lib/projections/projection.ts";

/** What an ingest statement returns. */
export type IngestRow = {
  /** Ledger's event row id; null for a duplicate. */
  event_id: string | null;
  /** The HTTP status decided in SQL (live mode only): 200, or 202 for an unapproved fulfilment. */
  status_code?: number;
  outcome?: "accepted" | "duplicate" | "ignored" | "rejected";
  review_status: "pending" | "approved" | "held" | "rejected" | null;
};

/** A handler's statements: the one for an event's projection, in either mode. */
export type Statements = {
  for(mode: Mode, projection: ProjectionJson): Statement;
};

/** Runs a handler's statement with its projection; the caller binds the event and delivery parameters. */
export type Ingest = (statements: Statements, projection: Projection) => Promise<IngestRow>;

const ROWS_KEY: Record<ProjectedTable, keyof ProjectionJson> = {
  campaign: "campaigns",
  promoter: "promoters",
  balance: "balances",
  promotion: "promotions",
  lead: "leads",
  reward: "rewards",
  fulfilment: "fulfilments",
};

/**
 * A handler's statements, built on first use and kept: one per mode and per set of tables the event
 * has rows for. A table without rows would insert nothing, but its CTE would still be initialised by
 * Postgres on every execution (its indexes opened, its ON CONFLICT projection built): leaving it out
 * is the same statement, cheaper. A fulfilment is always written (every delivery counts).
 */
export function statementsFor(tables: ProjectedTable[]): Statements {
  const built = new Map<string, Statement>();
  return {
    for(mode, projection) {
      const present = tables.filter((t) => t === "fulfilment" || projection[ROWS_KEY[t]].length > 0);
      const key = `${mode}:${present.join(",")}`;
      let statement = built.get(key);
      if (!statement) built.set(key, (statement = buildIngestStatement({ status: "processed", tables: present }, mode)));
      return statement;
    },
  };
}
