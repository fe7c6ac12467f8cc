import type { z } from "zod";
import type { Projection } from "@/lib/projections/projection.ts";

import type { Action } from "@/lib/projections/version-key.ts";

/** What a handler knows of the event besides its data (`action`: v2's created, updated or deleted). */
export type EventMeta = { type: string; externalId: string; occurredAt: string; action?: Action };

export type ProjectResult = { ok: true; projection: Projection } | { ok: false; field: string; message: string };

/**
 * An event type's handler: its data schema and a pure projection of the validated data. No database,
 * no callback, no table names: the ingest statement is derived from the tables the projection has
 * rows for (lib/projections/sql/build-ingest-statement.ts).
 */
export type EventHandler = { project(data: unknown, event: EventMeta): ProjectResult };

/** A handler from a schema and a pure `project(data, event) → Projection`. Schema failures name the field (e.g. `data.promoter.id`). */
export function defineHandler<S extends z.ZodType>(schema: S, project: (data: z.output<S>, event: EventMeta) => Projection): EventHandler {
  return {
    project(data, event) {
      const result = schema.safeParse(data);
      if (result.success) return { ok: true, projection: project(result.data, event) };
      const issue = result.error.issues[0];
      const field = ["data", ...(issue?.path ?? []).map(String)].join(".");
      return { ok: false, field, message: `${field}: ${issue?.message ?? "invalid"}` };
    },
  };
}
