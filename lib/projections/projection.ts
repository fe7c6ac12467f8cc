import type { CampaignRow } from "./campaigns.ts";
import type { FulfilmentRow } from "./fulfilments.ts";
import type { LeadRow } from "./leads.ts";
import type { PayoutCommissionRow, PayoutRow } from "./payouts.ts";
import type { BalanceRow, PromoterRow } from "./promoters.ts";
import type { PromotionRow } from "./promotions.ts";
import type { RewardRow } from "./rewards.ts";
import { TABLES, type TableJsonKey, type TableName } from "./tables.ts";

/** Rows by key; a record seen twice in one event is merged (the first non-null value of each field wins). */
class RowSet<T extends object> {
  private rows = new Map<string, T>();
  constructor(private readonly keyOf: (row: T) => string, private readonly order: (a: T, b: T) => number) {}
  add(row: T): void {
    const key = this.keyOf(row);
    const known = this.rows.get(key);
    if (!known) {
      this.rows.set(key, row);
      return;
    }
    for (const [k, v] of Object.entries(row) as [keyof T, T[keyof T]][]) {
      if (k === "_nulls") continue;
      if (known[k] === null || known[k] === undefined) known[k] = v;
    }
    // Explicit nulls (v2) from either snapshot, except where one of them has a value.
    const nulls = [...((known as { _nulls?: string[] })._nulls ?? []), ...((row as { _nulls?: string[] })._nulls ?? [])];
    if (nulls.length > 0) (known as { _nulls?: string[] })._nulls = [...new Set(nulls)].filter((c) => known[c as keyof T] === null || known[c as keyof T] === undefined);
  }
  get size(): number {
    return this.rows.size;
  }
  /** In key order, so every statement locks rows in the same order (fewer deadlocks). */
  list(): T[] {
    return [...this.rows.values()].sort(this.order);
  }
}

/** Numeric ids as decimal text: shorter first, then lexical (= numeric order without parsing). */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const byId = <T extends { id: string }>() => new RowSet<T>((r) => r.id, (a, b) => compareIds(a.id, b.id));

/** A projection as the statement's JSON parameter reads it. */
export type ProjectionJson = { [K in TableJsonKey]: object[] } & { touched: { record_type: string; record_id: string }[] };

/** What one event projects: the rows each table gets, serialised as the statement's JSON parameter. */
export class Projection {
  readonly campaigns = byId<CampaignRow>();
  readonly promoters = byId<PromoterRow>();
  readonly balances = new RowSet<BalanceRow>(
    (r) => `${r.promoter_id}/${r.kind}/${r.unit}`,
    (a, b) => compareIds(a.promoter_id, b.promoter_id) || a.kind.localeCompare(b.kind) || a.unit.localeCompare(b.unit),
  );
  readonly promotions = byId<PromotionRow>();
  readonly leads = byId<LeadRow>();
  readonly rewards = byId<RewardRow>();
  readonly fulfilments = byId<FulfilmentRow>();
  readonly payouts = byId<PayoutRow>();
  readonly payoutCommissions = new RowSet<PayoutCommissionRow>(
    (r) => `${r.payout_id}/${r.commission_id}`,
    (a, b) => compareIds(a.payout_id, b.payout_id) || compareIds(a.commission_id, b.commission_id),
  );
  /** v2 commissions to place in (or take out of) the review queue, with the campaign they belong to. */
  readonly commissionQueue = new RowSet<{ id: string; campaign_id: string | null }>((r) => r.id, (a, b) => compareIds(a.id, b.id));
  /** v2 payouts or links whose commissions' FirstPromoter outcome may have changed. */
  readonly payoutOutcomes = new RowSet<{ id: string }>((r) => r.id, (a, b) => compareIds(a.id, b.id));

  /** The tables this projection has rows for, in the registry's order: the statement writes these. */
  tables(): TableName[] {
    return TABLES.filter((t) => this[t.json].size > 0).map((t) => t.name);
  }

  toJSON(): ProjectionJson {
    const out = { touched: [] } as unknown as ProjectionJson;
    for (const t of TABLES) {
      const rows = this[t.json].list();
      (out as Record<string, object[]>)[t.json] = rows;
      if (t.recordType) for (const r of rows as { id: string }[]) out.touched.push({ record_type: t.recordType, record_id: r.id });
    }
    return out;
  }
}
