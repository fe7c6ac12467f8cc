import { campaignTable } from "./campaigns.ts";
import { fulfilmentTable } from "./fulfilments.ts";
import { leadTable } from "./leads.ts";
import { promoterTable } from "./promoters.ts";
import { promotionTable } from "./promotions.ts";
import { rewardTable } from "./rewards.ts";
import { fulfilmentCte } from "./sql/fulfilment-cte.ts";
import { balanceCte } from "./sql/other-ctes.ts";
import { upsertCte } from "./sql/upsert-cte.ts";

// The one list of projected tables. Everything else derives from it: the Projection's row sets and
// its JSON (lib/projections/projection.ts), which records an event touched, and the ingest statement's
// CTEs and their order (sql/build-ingest-statement.ts). Adding a table is adding an entry here.

export type Mode = "live" | "replay";

type Entry = {
  /** The statement writes tables in this order (and rows in key order), so concurrent statements lock alike. */
  name: string;
  /** Where its rows sit in the projection JSON. */
  json: string;
  /** The record type an event touching one of its rows is listed under (event_record), if any. */
  recordType: "campaign" | "promoter" | "promotion" | "lead" | "reward" | "fulfilment" | null;
  /** Its data-modifying CTE. */
  cte(mode: Mode): string;
};

export const TABLES = [
  { name: "campaign", json: "campaigns", recordType: "campaign", cte: () => upsertCte("c_campaign", campaignTable, "campaigns") },
  { name: "promoter", json: "promoters", recordType: "promoter", cte: () => upsertCte("c_promoter", promoterTable, "promoters") },
  // Balances belong to a promoter row: touching one touches the promoter, listed there.
  { name: "balance", json: "balances", recordType: null, cte: () => balanceCte("balances") },
  { name: "promotion", json: "promotions", recordType: "promotion", cte: () => upsertCte("c_promotion", promotionTable, "promotions") },
  { name: "lead", json: "leads", recordType: "lead", cte: () => upsertCte("c_lead", leadTable, "leads") },
  { name: "reward", json: "rewards", recordType: "reward", cte: () => upsertCte("c_reward", rewardTable, "rewards") },
  { name: "fulfilment", json: "fulfilments", recordType: "fulfilment", cte: (mode) => fulfilmentCte({ live: mode === "live", jsonKey: "fulfilments" }) },
] as const satisfies readonly Entry[];

export type TableName = (typeof TABLES)[number]["name"];
export type TableJsonKey = (typeof TABLES)[number]["json"];

export const TABLE_BY_NAME = new Map<TableName, (typeof TABLES)[number]>(TABLES.map((t) => [t.name, t]));
