import "server-only";
import { cursorValue, fetchKeysetPage, type Keyset, type KeysetOptions, pageTotal, queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { likePrefix } from "@/lib/data-table/like-prefix.ts";
import { isFiltered } from "@/lib/data-table/parsers.ts";
import type { CursorValue, Page } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { ANONYMOUS_ACTOR, type ActivitySearch } from "./search-params.ts";

export type AuditRow = {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

export type AuditRaw = Omit<AuditRow, "id"> & { id: bigint };

/** A row's position for the cursor: when it happened, then the id. */
export function auditCursorKey(row: AuditRaw): { value: CursorValue; id: string } {
  return { value: cursorValue(row.at), id: row.id.toString() };
}

/**
 * The Activity screen's filters as SQL. Indexes: audit_log(action, at), (actor_id, at), (at) from
 * the schema. The search box matches the start of the actor's email, of the action or of the record
 * id (a failed sign-in's is the email typed), case-insensitively: three prefix ranges on
 * text_pattern_ops indexes (migration audit_search_prefix; actions are lowercase as written, so that
 * index needs no lower()), which the planner ORs as bitmaps: the cost follows the matches, not the
 * log's size.
 */
export function auditConditions(search: Pick<ActivitySearch, "filters" | "q">): Prisma.Sql {
  const conds: Prisma.Sql[] = [];
  const { action, actor, target_type, at } = search.filters;
  if (action.length > 0) conds.push(Prisma.sql`a.action = ANY(${action}::text[])`);
  if (actor.length > 0) {
    const ids = actor.filter((a) => a !== ANONYMOUS_ACTOR);
    const anyone = actor.includes(ANONYMOUS_ACTOR);
    conds.push(
      anyone
        ? Prisma.sql`(a.actor_id IS NULL OR a.actor_id = ANY(${ids}::text[]))`
        : Prisma.sql`a.actor_id = ANY(${ids}::text[])`,
    );
  }
  if (target_type.length > 0) conds.push(Prisma.sql`a.target_type = ANY(${target_type}::text[])`);
  if (at?.from != null) conds.push(Prisma.sql`a.at >= ${new Date(at.from)}`);
  if (at?.to != null) conds.push(Prisma.sql`a.at < ${new Date(at.to)}`);
  const q = search.q.trim();
  if (q !== "") {
    // lower() in SQL (not toLowerCase in JS), so the term folds exactly as the index does.
    const prefix = likePrefix(q);
    conds.push(Prisma.sql`(lower(a.actor_email) LIKE lower(${prefix}::text)
      OR a.action LIKE lower(${prefix}::text)
      OR lower(a.target_id) LIKE lower(${prefix}::text))`);
  }
  return conds.length > 0 ? Prisma.join(conds, " AND ") : Prisma.sql`TRUE`;
}

export function auditListSql(where: Prisma.Sql, k: Keyset): Prisma.Sql {
  return Prisma.sql`
    SELECT a.id, a.at, a.actor_id AS "actorId", a.actor_email AS "actorEmail", a.action, a.target_type AS "targetType",
           a.target_id AS "targetId", a.before, a.after, a.ip
    FROM audit_log a
    WHERE ${where} AND ${k.where}
    ORDER BY ${k.orderBy}
    ${k.limit}`;
}

export function auditKeyset(search: ActivitySearch): KeysetOptions {
  return { column: Prisma.raw("a.at"), id: Prisma.raw("a.id"), sort: search.sort, type: "date", cursor: search.cursor, perPage: search.perPage };
}

/** One page of the audit log, newest first. */
export async function listAudit(prisma: PrismaClient, search: ActivitySearch): Promise<Page<AuditRow>> {
  const where = auditConditions(search);
  const [page, total] = await Promise.all([
    fetchKeysetPage(
      auditKeyset(search),
      (k) => queryPlannedForValues<AuditRaw[]>(prisma, auditListSql(where, k)),
      auditCursorKey,
    ),
    pageTotal(prisma, { table: "audit_log", from: Prisma.sql`audit_log a`, where, filtered: isFiltered(search) }),
  ]);
  return { ...page, rows: page.rows.map((r) => ({ ...r, id: r.id.toString() })), total };
}
