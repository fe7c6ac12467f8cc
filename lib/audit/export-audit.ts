import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { keysetBatch } from "@/lib/export/keyset-batch.ts";
import type { ExportSource } from "@/lib/export/types.ts";
import { type AuditRaw, auditConditions, auditCursorKey, auditKeyset, auditListSql } from "./list-audit.ts";
import { type ActivitySearch, activitySearchSpec, parseActivitySearch } from "./search-params.ts";

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** The audit log as CSV (the Activity screen's filters). */
export const activityExport: ExportSource<AuditRaw, ActivitySearch> = {
  entity: "activity",
  fileStem: "activity",
  parse: parseActivitySearch,
  columns: [
    { id: "at", label: "When", value: (r) => r.at },
    { id: "actor_email", label: "Who", value: (r) => r.actorEmail },
    { id: "action", label: "Action", value: (r) => r.action },
    { id: "target_type", label: "Record type", value: (r) => r.targetType },
    { id: "target_id", label: "Record id", value: (r) => r.targetId },
    { id: "before", label: "Before", value: (r) => json(r.before) },
    { id: "after", label: "After", value: (r) => json(r.after) },
    { id: "ip", label: "IP", value: (r) => r.ip },
  ],
  batch: (prisma, search) => {
    const where = auditConditions(search);
    return keysetBatch(
      auditKeyset(search),
      activitySearchSpec.sortKeys,
      (k) => queryPlannedForValues<AuditRaw[]>(prisma, auditListSql(where, k)),
      auditCursorKey,
    );
  },
};
