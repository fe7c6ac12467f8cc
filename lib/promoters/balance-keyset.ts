import "server-only";
import { encodeCursor } from "@/lib/data-table/cursor.ts";
import type { Cursor, Page } from "@/lib/data-table/types.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { BalanceKind } from "./balance-units.ts";

// Keyset pagination for "sort by a balance" (kind + unit). Not the generic helper (lib/data-table/
// keyset.ts), which needs a non-null key in one table: most promoters have no row at all for a given
// (kind, unit) — nobody without points has a points_paid row.
//
// Order, either direction: first every promoter WITH a balance row, by (amount, id) in the chosen
// direction; then every promoter WITHOUT one, by id in the same direction. A missing balance is
// "blank, last", as spreadsheets sort blanks, and not 0: treating it as 0 would bury it among real
// zero balances (paid: 0 is a fact, no row is "never had this unit"), and would make the key an
// expression over two tables that no index can order. Split this way, each part is an index range:
//   with a row:    promoter_balance_sort_idx (kind, unit, amount DESC, promoter_id DESC), joined to p;
//   without a row: promoter's primary key, anti-joined to promoter_balance's primary key.
// A page reads the first part and, only when that runs out, the second (at most two queries).
//
// The cursor's value (a "text" sort key) is the row's exact amount as decimal text, or NO_BALANCE.

export const NO_BALANCE = "none";

/** A numeric(20,4) as Postgres writes it, bounded: anything else in a cursor is not a position. */
const AMOUNT = /^-?\d{1,16}(\.\d{1,4})?$/;

type Position = { amount: string | null; id: string };

function position(cursor: Cursor): Position | null {
  const value = String(cursor.value);
  if (value === NO_BALANCE) return { amount: null, id: cursor.id };
  return AMOUNT.test(value) ? { amount: value, id: cursor.id } : null;
}

/** True when a decoded cursor is a position this sort can continue from (else: serve the first page). */
export function isBalanceCursor(cursor: Cursor | null): boolean {
  return cursor === null || position(cursor) !== null;
}

export type BalanceKeysetOptions = {
  kind: BalanceKind;
  unit: string;
  sort: { id: string; desc: boolean };
  cursor: Cursor | null;
  perPage: number;
};

/** One part's query: the rows after `position` (or from the start), read in `descending` order. */
export type BalancePart = {
  /** With a balance row: FROM promoter_balance b JOIN promoter p; without: FROM promoter p. */
  hasBalance: boolean;
  /** The part's own condition (kind/unit, the anti-join, the cursor), to AND with the filters. */
  where: Prisma.Sql;
  orderBy: Prisma.Sql;
  limit: Prisma.Sql;
};

function part(o: BalanceKeysetOptions, hasBalance: boolean, descending: boolean, from: Position | null, limit: number): BalancePart {
  const dir = Prisma.raw(descending ? "DESC" : "ASC");
  const op = Prisma.raw(descending ? "<" : ">");
  const lim = Prisma.raw(`LIMIT ${limit}`);
  const kindUnit = Prisma.sql`b.kind = ${o.kind}::balance_kind AND b.unit = ${o.unit}`;
  if (hasBalance) {
    // A row comparison: one index range on (amount, promoter_id), both in the index's direction.
    const after = from?.amount != null ? Prisma.sql` AND (b.amount, b.promoter_id) ${op} (${from.amount}::numeric, ${from.id}::bigint)` : Prisma.empty;
    return { hasBalance, where: Prisma.sql`${kindUnit}${after}`, orderBy: Prisma.sql`b.amount ${dir}, b.promoter_id ${dir}`, limit: lim };
  }
  const after = from && from.amount === null ? Prisma.sql` AND p.id ${op} ${from.id}::bigint` : Prisma.empty;
  return {
    hasBalance,
    where: Prisma.sql`NOT EXISTS (SELECT 1 FROM promoter_balance b WHERE b.promoter_id = p.id AND ${kindUnit})${after}`,
    orderBy: Prisma.sql`p.id ${dir}`,
    limit: lim,
  };
}

/**
 * One page in balance order. `fetch` runs one part (see BalancePart); rows must carry their
 * balance amount (null without a row) and id. Same page shape as fetchKeysetPage: a "prev" page that
 * reaches the start with fewer rows than a page is served as the first page instead.
 */
export async function fetchBalancePage<T>(
  o: BalanceKeysetOptions,
  fetch: (part: BalancePart) => Promise<T[]>,
  keyOf: (row: T) => { amount: string | null; id: string },
): Promise<Omit<Page<T>, "total">> {
  if (!Number.isSafeInteger(o.perPage) || o.perPage < 1 || o.perPage > 1000) throw new RangeError(`bad page size ${o.perPage}`);
  const from = o.cursor ? position(o.cursor) : null;
  if (o.cursor && !from) return fetchBalancePage({ ...o, cursor: null }, fetch, keyOf);
  const backwards = o.cursor?.dir === "prev";
  const descending = o.sort.desc !== backwards;
  const want = o.perPage + 1;

  // Forward the parts come "with a balance" then "without"; backwards, the other way round. Reading
  // starts in the cursor's part (after its position) and goes on into the next part from its start.
  const order = backwards ? [false, true] : [true, false];
  const first = from ? order.indexOf(from.amount !== null) : 0;
  const rows: T[] = [];
  for (let i = first; i < order.length && rows.length < want; i++) {
    rows.push(...(await fetch(part(o, order[i] as boolean, descending, i === first ? from : null, want - rows.length))));
  }

  const hasMore = rows.length > o.perPage;
  const page = rows.slice(0, o.perPage);
  const cursorAt = (row: T | undefined, dir: Cursor["dir"]) => {
    if (!row) return null;
    const { amount, id } = keyOf(row);
    return encodeCursor({ sort: o.sort.id, desc: o.sort.desc, value: amount ?? NO_BALANCE, id, dir });
  };
  if (!o.cursor) return { rows: page, nextCursor: hasMore ? cursorAt(page.at(-1), "next") : null, prevCursor: null };
  if (!backwards) return { rows: page, nextCursor: hasMore ? cursorAt(page.at(-1), "next") : null, prevCursor: cursorAt(page[0], "prev") };
  page.reverse();
  if (!hasMore && page.length < o.perPage) return fetchBalancePage({ ...o, cursor: null }, fetch, keyOf);
  return { rows: page, nextCursor: cursorAt(page.at(-1), "next"), prevCursor: hasMore ? cursorAt(page[0], "prev") : null };
}
