import "server-only";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { BalanceKind } from "./balance-units.ts";
import { classifyPromoterSearch, type PromotersSearch } from "./search-params.ts";
import { deletedCondition } from "@/lib/data-table/deleted-condition.ts";

// The SQL pieces of the promoters screen, exported so that the CSV export runs exactly the query
// the page runs:
//
//   SELECT ${promoterListSelect} FROM ${PROMOTER_LIST_FROM} WHERE ${promoterConditions(search)}
//   ORDER BY ${PROMOTER_CREATED} DESC, p.id DESC
//
// (the page adds its keyset condition and LIMIT; an export can stream the same statement with a
// cursor instead). Every piece refers to the promoter as `p`. All of it is built from code and
// bound parameters, never from request text.

/** The list's FROM: one row per promoter. */
export const PROMOTER_LIST_FROM = Prisma.sql`promoter p`;

/** "Created": FirstPromoter's created_at, else when Ledger first saw the promoter (never null). Indexed (promoter_created_id_idx). */
export const PROMOTER_CREATED = Prisma.raw("COALESCE(p.fp_created_at, p.first_seen_at)");

export type PromoterBalance = { kind: BalanceKind; unit: string; amount: string };
export type PromoterCampaign = { id: string; name: string | null };

/** What each selected row holds (promoterListSelect's columns). */
export type PromoterListRaw = {
  id: string;
  status: string | null;
  /** Deleted in FirstPromoter (v2). */
  deleted: boolean;
  email: string | null;
  name: string | null;
  refId: string | null;
  createdAt: Date;
  /** Every balance row, as exact decimal text (numeric::text), ordered by unit then kind. */
  balances: PromoterBalance[];
  /** The campaigns of the promoter's promotions. */
  campaigns: PromoterCampaign[];
};

/**
 * The list's columns. Balances and campaigns come as JSON arrays from correlated subqueries: in the
 * same statement (no query per row from the app), each an index lookup by promoter id
 * (promoter_balance's primary key, promotion_promoter_id_idx), run only for the rows of the page.
 */
export const promoterListSelect = Prisma.sql`
  p.id::text AS id, p.status, p.deleted, p.email,
  NULLIF(concat_ws(' ', p.first_name, p.last_name), '') AS name,
  p.default_ref_id AS "refId",
  ${PROMOTER_CREATED} AS "createdAt",
  COALESCE((SELECT json_agg(json_build_object('kind', pb.kind, 'unit', pb.unit, 'amount', pb.amount::text) ORDER BY pb.unit, pb.kind)
            FROM promoter_balance pb WHERE pb.promoter_id = p.id), '[]'::json) AS balances,
  COALESCE((SELECT json_agg(json_build_object('id', pc.id::text, 'name', pc.name) ORDER BY pc.id)
            FROM (SELECT DISTINCT pr.campaign_id AS id, c.name FROM promotion pr LEFT JOIN campaign c ON c.id = pr.campaign_id
                  WHERE pr.promoter_id = p.id AND pr.campaign_id IS NOT NULL) pc), '[]'::json) AS campaigns`;

/**
 * The search box as one condition. Each branch is a prefix match that one expression index of the
 * migration `promoters_list` answers (text_pattern_ops, so LIKE 'term%' is an index range), and the
 * planner ORs their bitmaps: cost grows with the matches, not the table. Infix search (%term%) would
 * need a trigram index on every column and makes one-letter terms match nearly everything; a
 * prefix is what people type when looking someone up (start of the email, the name, the ref id).
 * Promotion ref ids are looked up first (ARRAY(…) runs once, its own index range), so that branch
 * is a primary-key lookup instead of a subquery per promoter.
 */
export function promoterSearchCondition(q: string): Prisma.Sql | null {
  const term = classifyPromoterSearch(q);
  if (!term) return null;
  if (term.email) return Prisma.sql`left(lower(p.email), 254) LIKE ${term.prefix}`;
  // left(…, 254): the indexed expressions (see the migration); the search is at most 254 characters.
  const branches = [
    Prisma.sql`left(lower(p.email), 254) LIKE ${term.prefix}`,
    Prisma.sql`left(lower(p.default_ref_id), 254) LIKE ${term.prefix}`,
    Prisma.sql`left(lower(COALESCE(p.first_name, '') || ' ' || COALESCE(p.last_name, '')), 254) LIKE ${term.prefix}`,
    Prisma.sql`left(lower(p.last_name), 254) LIKE ${term.prefix}`,
    Prisma.sql`p.id = ANY(ARRAY(SELECT pr.promoter_id FROM promotion pr WHERE left(lower(pr.ref_id), 254) LIKE ${term.prefix} AND pr.promoter_id IS NOT NULL))`,
  ];
  if (term.id) branches.push(Prisma.sql`p.id = ${term.id}::bigint`);
  return Prisma.sql`(${Prisma.join(branches, " OR ")})`;
}

/**
 * The conditions of the screen's filters and search, over `p`:
 * - status: any of the selected statuses;
 * - campaign: has a promotion in any of the selected campaigns (promotion_campaign_id_promoter_id_idx);
 * - balance: has a non-zero current balance in any of the selected units;
 * - created: FirstPromoter's created_at (else first seen) in [from, to);
 * - deleted: deleted in FirstPromoter (v2) are left out unless asked for;
 * - q: see promoterSearchCondition.
 */
export function promoterConditions(search: Pick<PromotersSearch, "filters" | "q">): Prisma.Sql {
  const conds: Prisma.Sql[] = [];
  const { status, campaign, balance, created, deleted } = search.filters;
  const gone = deletedCondition("p", deleted);
  if (gone) conds.push(gone);
  if (status.length > 0) conds.push(Prisma.sql`p.status = ANY(${status}::text[])`);
  if (campaign.length > 0) {
    conds.push(Prisma.sql`EXISTS (SELECT 1 FROM promotion pr WHERE pr.promoter_id = p.id AND pr.campaign_id = ANY(${campaign}::bigint[]))`);
  }
  if (balance.length > 0) {
    conds.push(Prisma.sql`EXISTS (SELECT 1 FROM promoter_balance pb
      WHERE pb.promoter_id = p.id AND pb.kind = 'current' AND pb.unit = ANY(${balance}::text[]) AND pb.amount <> 0)`);
  }
  if (created?.from != null) conds.push(Prisma.sql`${PROMOTER_CREATED} >= ${new Date(created.from)}`);
  if (created?.to != null) conds.push(Prisma.sql`${PROMOTER_CREATED} < ${new Date(created.to)}`);
  const q = promoterSearchCondition(search.q);
  if (q) conds.push(q);
  return conds.length > 0 ? Prisma.join(conds, " AND ") : Prisma.sql`TRUE`;
}
