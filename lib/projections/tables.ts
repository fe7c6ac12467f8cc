import { campaignTable } from "./campaigns.ts";
import { leadTable } from "./leads.ts";
import { promoterTable } from "./promoters.ts";
import { promotionTable } from "./promotions.ts";
import { payoutCommissionTable, payoutTable } from "./payouts.ts";
import { rewardTable } from "./rewards.ts";
import { fulfilmentCte } from "./sql/fulfilment-cte.ts";
import { balanceCte } from "./sql/other-ctes.ts";
import { upsertCte } from "./sql/upsert-cte.ts";
import { specFor } from "./table-spec.ts";
import type { EventFormat } from "./version-key.ts";
import { commissionQueueCte, payoutOutcomeCte } from "./sql/v2-fulfilment-ctes.ts";

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
  recordType: "campaign" | "promoter" | "promotion" | "lead" | "reward" | "fulfilment" | "payout" | null;
  /**
   * Its data-modifying CTE(s); `tables` are the statement's tables (a CTE may read another's result),
   * `format` the event's (a v1 statement leaves out the columns only v2 carries).
   */
  cte(mode: Mode, tables: readonly string[], format: EventFormat): string;
};

export const TABLES = [
  { name: "campaign", json: "campaigns", recordType: "campaign", cte: (_m, _t, format) => upsertCte("c_campaign", specFor(campaignTable, format), "campaigns") },
  { name: "promoter", json: "promoters", recordType: "promoter", cte: (_m, _t, format) => upsertCte("c_promoter", specFor(promoterTable, format), "promoters") },
  // Balances belong to a promoter row: touching one touches the promoter, listed there.
  { name: "balance", json: "balances", recordType: null, cte: () => balanceCte("balances") },
  { name: "promotion", json: "promotions", recordType: "promotion", cte: (_m, _t, format) => upsertCte("c_promotion", specFor(promotionTable, format), "promotions") },
  { name: "lead", json: "leads", recordType: "lead", cte: (_m, _t, format) => upsertCte("c_lead", specFor(leadTable, format), "leads") },
  // The merged commission is returned for the v2 review queue below.
  {
    name: "reward",
    json: "rewards",
    recordType: "reward",
    cte: (_m, _t, format) => upsertCte("c_reward", specFor(rewardTable, format), "rewards", ["id", "status", "amount", "unit", "promoter_id", "deleted"]),
  },
  { name: "payout", json: "payouts", recordType: "payout", cte: () => upsertCte("c_payout", payoutTable, "payouts", ["id", "status", "deleted"]) },
  // A link is no record of its own: touching one touches its payout and commission, listed there.
  {
    name: "payout_commission",
    json: "payoutCommissions",
    recordType: null,
    cte: () => upsertCte("c_payout_commission", payoutCommissionTable, "payoutCommissions", ["payout_id", "commission_id", "deleted"]),
  },
  { name: "fulfilment", json: "fulfilments", recordType: "fulfilment", cte: (mode) => fulfilmentCte({ live: mode === "live", jsonKey: "fulfilments" }) },
  // Not tables: the v2 review queue and payout outcomes, from the merged rows above (sql/v2-fulfilment-ctes.ts).
  { name: "commission_queue", json: "commissionQueue", recordType: null, cte: (mode) => commissionQueueCte("commissionQueue", mode) },
  {
    name: "payout_outcome",
    json: "payoutOutcomes",
    recordType: null,
    cte: (_mode, tables) => payoutOutcomeCte({ payout: tables.includes("payout"), link: tables.includes("payout_commission") }),
  },
] as const satisfies readonly Entry[];

export type TableName = (typeof TABLES)[number]["name"];
export type TableJsonKey = (typeof TABLES)[number]["json"];

export const TABLE_BY_NAME = new Map<TableName, (typeof TABLES)[number]>(TABLES.map((t) => [t.name, t]));
