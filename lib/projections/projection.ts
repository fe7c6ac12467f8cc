import type { CampaignRow } from "./campaigns.ts";
import type { BalanceRow, PromoterRow } from "./promoters.ts";
import type { PromotionRow } from "./promotions.ts";
import type { LeadRow } from "./leads.ts";
import type { RewardRow } from "./rewards.ts";
import type { FulfilmentRow } from "./fulfilments.ts";

type Keyed = { id: string };

/** Rows by id; a record seen twice in one event is merged (the first non-null value of each field wins). */
class RowSet<T extends Keyed> {
  private rows = new Map<string, T>();
  add(row: T): void {
    const known = this.rows.get(row.id);
    if (!known) {
      this.rows.set(row.id, row);
      return;
    }
    for (const [k, v] of Object.entries(row) as [keyof T, T[keyof T]][]) {
      if (known[k] === null || known[k] === undefined) known[k] = v;
    }
  }
  /** Sorted by id so every statement locks rows in the same order (fewer deadlocks). */
  list(): T[] {
    return [...this.rows.values()].sort((a, b) => compareIds(a.id, b.id));
  }
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** A projection as the statement's JSON parameter reads it. */
export type ProjectionJson = {
  campaigns: CampaignRow[];
  promoters: PromoterRow[];
  promotions: PromotionRow[];
  leads: LeadRow[];
  rewards: RewardRow[];
  fulfilments: FulfilmentRow[];
  balances: BalanceRow[];
  touched: { record_type: string; record_id: string }[];
};

/** What one event projects: the rows each table gets, serialised as the statement's JSON parameter. */
export class Projection {
  readonly campaigns = new RowSet<CampaignRow>();
  readonly promoters = new RowSet<PromoterRow>();
  readonly promotions = new RowSet<PromotionRow>();
  readonly leads = new RowSet<LeadRow>();
  readonly rewards = new RowSet<RewardRow>();
  readonly fulfilments = new RowSet<FulfilmentRow>();
  private readonly balanceRows = new Map<string, BalanceRow>();

  addBalance(row: BalanceRow): void {
    const key = `${row.promoter_id}/${row.kind}/${row.unit}`;
    if (!this.balanceRows.has(key)) this.balanceRows.set(key, row);
  }

  toJSON(): ProjectionJson {
    const touched: { record_type: string; record_id: string }[] = [];
    const tables = {
      campaigns: this.campaigns.list(),
      promoters: this.promoters.list(),
      promotions: this.promotions.list(),
      leads: this.leads.list(),
      rewards: this.rewards.list(),
      fulfilments: this.fulfilments.list(),
    };
    const recordType = {
      campaigns: "campaign",
      promoters: "promoter",
      promotions: "promotion",
      leads: "lead",
      rewards: "reward",
      fulfilments: "fulfilment",
    } as const;
    for (const [name, rows] of Object.entries(tables) as [keyof typeof tables, Keyed[]][]) {
      for (const row of rows) touched.push({ record_type: recordType[name], record_id: row.id });
    }
    const balances = [...this.balanceRows.values()].sort(
      (a, b) => compareIds(a.promoter_id, b.promoter_id) || a.kind.localeCompare(b.kind) || a.unit.localeCompare(b.unit),
    );
    return { ...tables, balances, touched };
  }
}

/**
 * An object without null/undefined values, or null when nothing is left: json columns merged key by
 * key (profile, custom_fields) treat a null value like an absent key, so it is never stored.
 */
export function compact(o: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!o) return null;
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
  return Object.keys(out).length > 0 ? out : null;
}
