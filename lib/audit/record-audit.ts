import type { Prisma } from "@/lib/generated/prisma/client.ts";

export type AuditActor = { id: string; email: string } | null;

export type AuditEntry = {
  actor: AuditActor;
  /** Dotted verb: user.create, user.role_change, user.remove, auth.sign_in, auth.sign_in_failed, … */
  action: string;
  targetType?: string;
  targetId?: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  ip?: string | null;
};

type AuditWriter = {
  auditLog: {
    create(args: { data: Prisma.AuditLogUncheckedCreateInput }): Prisma.PrismaPromise<unknown>;
    createMany(args: { data: Prisma.AuditLogCreateManyInput[] }): Prisma.PrismaPromise<unknown>;
  };
};

function toRow(e: AuditEntry): Prisma.AuditLogCreateManyInput {
  return {
    actorId: e.actor?.id ?? null,
    actorEmail: e.actor?.email ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    before: e.before,
    after: e.after,
    ip: e.ip ?? null,
  };
}

/**
 * Appends one audit row. Pass the transaction client of the change it records, so the change and
 * its record commit together (the table itself refuses UPDATE and DELETE).
 */
export function recordAudit(tx: AuditWriter, e: AuditEntry) {
  return tx.auditLog.create({ data: toRow(e) });
}

/** Several audit rows in one statement (bulk actions), in the caller's transaction. */
export function recordAudits(tx: AuditWriter, entries: AuditEntry[]) {
  return tx.auditLog.createMany({ data: entries.map(toRow) });
}
