import { likePrefix } from "@/lib/data-table/like-prefix.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { classifyLeadSearch, type LeadsSearch } from "./search-params.ts";
import { deletedCondition } from "@/lib/data-table/deleted-condition.ts";

// The SQL pieces of the leads list: the WHERE conditions of the URL's filters and search
// (leadConditions), the sort keys (leadSortKey), the joined FROM (LEAD_FROM) and the columns
// (LEAD_SELECT). The screen (list-leads.ts) and its CSV export (export-leads.ts, which pages through
// list-leads' own keyset query) use them; anything else reading "the leads as filtered" can too:
//   SELECT ${LEAD_SELECT} FROM ${LEAD_FROM} WHERE ${leadConditions(search)}
//   ORDER BY ${leadSortKey(search.sort)} DESC, l.id DESC   -- (ASC, ASC for an ascending sort)
// Conditions reference only the lead (alias `l`), so they also work on `lead l` alone (counts).
// Every expression is written exactly as the leads_list migration indexes it; change one and the
// index stops matching (the planner compares expressions, not meanings).

/** When the lead was created: FirstPromoter's created_at, else when Ledger first saw it (never null). */
export const LEAD_CREATED_AT = Prisma.raw("COALESCE(l.fp_created_at, l.first_seen_at)");

// Nullable dates sorted with a keyset need a NOT NULL key: the date, or a sentinel that puts leads
// without one last whichever way the list is sorted (a descending sort uses the earliest sentinel,
// an ascending one the latest). Sentinels lie outside what FirstPromoter's dates can be (years
// 1000-9999, lib/firstpromoter/schemas.ts), or at worst tie with one (the id still orders ties).
const EARLIEST = "'0001-01-01 00:00:00+00'::timestamptz";
const LATEST = "'9999-12-31 23:59:59.999+00'::timestamptz";

const nullsLast = (column: string) => ({
  desc: Prisma.raw(`COALESCE(l.${column}, ${EARLIEST})`),
  asc: Prisma.raw(`COALESCE(l.${column}, ${LATEST})`),
});
const CUSTOMER_SINCE = nullsLast("customer_since");
const CANCELLED_AT = nullsLast("cancelled_at");

/** The keyset sort key of a sort (NOT NULL, indexed). */
export function leadSortKey(sort: LeadsSearch["sort"]): Prisma.Sql {
  switch (sort.id) {
    case "created_at":
      return LEAD_CREATED_AT;
    case "customer_since":
      return sort.desc ? CUSTOMER_SINCE.desc : CUSTOMER_SINCE.asc;
    case "cancelled_at":
      return sort.desc ? CANCELLED_AT.desc : CANCELLED_AT.asc;
  }
}

/** The joins that name a lead's promoter, promotion and campaign (each a primary-key lookup). */
export const LEAD_JOINS = Prisma.sql`
  LEFT JOIN promoter pr ON pr.id = l.promoter_id
  LEFT JOIN promotion po ON po.id = l.promotion_id
  LEFT JOIN campaign c ON c.id = po.campaign_id`;

/** The leads list's FROM: each lead with its promoter, promotion and campaign. */
export const LEAD_FROM = Prisma.sql`lead l ${LEAD_JOINS}`;

/** The list's columns over LEAD_FROM, named as LeadRow's fields (bigint ids come back as bigint). */
export const LEAD_SELECT = Prisma.sql`
  l.id, l.state, l.deleted, l.suspicion, l.email, l.uid, l.plan_name AS "planName",
  l.customer_since AS "customerSince", l.cancelled_at AS "cancelledAt", ${LEAD_CREATED_AT} AS "createdAt",
  l.promoter_id AS "promoterId", NULLIF(concat_ws(' ', pr.first_name, pr.last_name), '') AS "promoterName", pr.email AS "promoterEmail",
  l.promotion_id AS "promotionId", po.ref_id AS "refId", po.campaign_id AS "campaignId", c.name AS "campaignName"`;

const iso = (ms: number) => Prisma.sql`${new Date(ms).toISOString()}::timestamptz`;

/**
 * A date range on a nullable date, written on its NULLS-last descending sort key so that the same
 * index serves the filter and the sort. A lead without the date never matches: `from` is at least
 * 1970 (the URL parser accepts no negative instants), and without `from` the key must beat the
 * sentinel.
 */
function nullableRange(key: Prisma.Sql, range: { from: number | null; to: number | null }): Prisma.Sql[] {
  return [
    range.from !== null ? Prisma.sql`${key} >= ${iso(range.from)}` : Prisma.sql`${key} > ${Prisma.raw(EARLIEST)}`,
    ...(range.to !== null ? [Prisma.sql`${key} < ${iso(range.to)}`] : []),
  ];
}

/**
 * `column` equal to one of `values`. A single value is written as `=`, not `= ANY(array)`: only then
 * can Postgres read a (column, sort key, id) index in order and stop after a page (with an array it
 * collects every match and sorts them, which for a promoter with 100k leads is the whole range).
 */
function oneOf(column: string, values: string[], type: "text" | "bigint"): Prisma.Sql {
  const col = Prisma.raw(column);
  return values.length === 1
    ? Prisma.sql`${col} = ${values[0]}::${Prisma.raw(type)}`
    : Prisma.sql`${col} = ANY(${values}::${Prisma.raw(`${type}[]`)})`;
}

/**
 * The WHERE conditions of the leads list for the URL's filters and search (TRUE when none). Only
 * allow-listed, parsed values reach here (lib/leads/search-params.ts), and each is a bound parameter.
 * This is what a CSV export of the filtered list uses.
 */
export function leadConditions(search: Pick<LeadsSearch, "filters" | "q">): Prisma.Sql {
  const conds = [leadFilterConditions(search.filters), leadSearchCondition(search.q)].filter((c): c is Prisma.Sql => c !== null);
  return conds.length > 0 ? Prisma.join(conds, " AND ") : Prisma.sql`TRUE`;
}

/** The filters' conditions alone, or null when no filter is set. */
function leadFilterConditions(filters: LeadsSearch["filters"]): Prisma.Sql | null {
  const conds: Prisma.Sql[] = [];
  const { state, suspicion, promoter, campaign, plan, customer_since, cancelled_at, created_at, deleted } = filters;
  const gone = deletedCondition("l", deleted);
  if (gone) conds.push(gone);
  if (state.length > 0) conds.push(oneOf("l.state", state, "text"));
  if (suspicion.length > 0) conds.push(oneOf("l.suspicion", suspicion, "text"));
  if (promoter.length > 0) conds.push(oneOf("l.promoter_id", promoter, "bigint"));
  // A lead's campaign is its promotion's: a semi-join over the (small) promotions of those campaigns.
  if (campaign.length > 0) {
    conds.push(Prisma.sql`l.promotion_id IN (SELECT cp.id FROM promotion cp WHERE cp.campaign_id = ANY(${campaign}::bigint[]))`);
  }
  if (plan.length > 0) conds.push(oneOf("l.plan_name", plan, "text"));
  if (customer_since) conds.push(...nullableRange(CUSTOMER_SINCE.desc, customer_since));
  if (cancelled_at) conds.push(...nullableRange(CANCELLED_AT.desc, cancelled_at));
  if (created_at?.from != null) conds.push(Prisma.sql`${LEAD_CREATED_AT} >= ${iso(created_at.from)}`);
  if (created_at?.to != null) conds.push(Prisma.sql`${LEAD_CREATED_AT} < ${iso(created_at.to)}`);
  return conds.length > 0 ? Prisma.join(conds, " AND ") : null;
}

/**
 * The search box's condition (see classifyLeadSearch), or null when the box is empty. Email prefixes
 * use lead_email_lower_pattern_idx (lower(email) text_pattern_ops), uids lead_uid_idx, ids the
 * primary key; an OR of two becomes a BitmapOr of both indexes.
 */
function leadSearchCondition(q: string): Prisma.Sql | null {
  const term = classifyLeadSearch(q);
  // lower() in SQL on both sides (not toLowerCase in JS), so the term folds exactly as the index does.
  const emailPrefix = (prefix: string) => Prisma.sql`lower(l.email) LIKE lower(${likePrefix(prefix)}::text)`;
  if (term?.kind === "id") return Prisma.sql`(l.id = ${term.id}::bigint OR l.uid = ${term.raw}::text)`;
  if (term?.kind === "email") return emailPrefix(term.prefix);
  if (term?.kind === "text") return Prisma.sql`(l.uid = ${term.value}::text OR ${emailPrefix(term.value)})`;
  return null;
}
