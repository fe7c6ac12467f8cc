import { createSearchParser } from "@/lib/data-table/parsers.ts";
import type { TableSearch, TableSearchSpec } from "@/lib/data-table/types.ts";

// The Activity screen's URL (/activity): filters by action, who, what kind of record and when;
// the search box finds rows by the start of the actor's email, of the action (`fulfilment.`) or of
// the record id (a fulfilment's, a user's); a whole value is its own prefix.

export const AUDIT_TARGET_TYPES = ["user", "fulfilment", "export"] as const;

export const activitySearchSpec = {
  sortKeys: { at: "date" },
  defaultSort: { id: "at", desc: true },
  perPageOptions: [20, 50, 100],
  defaultPerPage: 50,
  filters: {
    // Actions are dotted verbs (lib/audit/actions.ts); older or newer ones still filter by pattern.
    action: { kind: "multi", pattern: /^[a-z_]{1,40}\.[a-z_]{1,40}$/, max: 20 },
    // Actor ids (app_user.id), or "anonymous" for rows without one (failed sign-ins).
    actor: { kind: "multi", pattern: /^[A-Za-z0-9_-]{1,64}$/, max: 20 },
    target_type: { kind: "multi", values: AUDIT_TARGET_TYPES },
    at: { kind: "dateRange" },
  },
  searchMaxLength: 254,
} as const satisfies TableSearchSpec;

export type ActivitySearch = TableSearch<typeof activitySearchSpec>;
export const parseActivitySearch = createSearchParser(activitySearchSpec);

/** The value the actor filter uses for rows with no signed-in actor. */
export const ANONYMOUS_ACTOR = "anonymous";
