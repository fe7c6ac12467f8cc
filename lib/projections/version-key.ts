// The version key every projected field and row is stamped with, one shape for both formats, so any
// two snapshots of a record compare whatever format sent them:
//   [whole second, format (v1 0, v2 1), action (v1 1; v2 created 0, updated 1, deleted 2),
//    milliseconds within the second (v1; 0 for v2), id (v1 the event id as a number, v2 the event_id as text)]
// - v1 keeps its millisecond order (created_at has milliseconds);
// - v2 timestamps have whole seconds: a v2 snapshot (the entity's full state) wins a same-second tie
//   with v1, and within one second created < updated < deleted;
// - two v2 events of the same second and action fall to event_id order: arbitrary, but the same in
//   every delivery order, so any order converges.
// Postgres compares jsonb arrays by length first, then element by element (a number before text), so
// every key has five elements; keys stored before this shape are read through ledger_vkey().

export type EventFormat = "v1" | "v2";
export type Action = "created" | "updated" | "deleted";

const ACTION_ORDER: Record<Action, number> = { created: 0, updated: 1, deleted: 2 };

/** The key as jsonb text. `externalId` is v1's numeric event id (digits) or v2's event_id. */
export function versionKey(e: { format: EventFormat; occurredAt: string; externalId: string; action?: Action }): string {
  const ms = Date.parse(e.occurredAt);
  const second = Math.floor(ms / 1000);
  if (e.format === "v1") return `[${second},0,1,${ms - second * 1000},${e.externalId}]`;
  return `[${second},1,${ACTION_ORDER[e.action ?? "updated"]},0,${JSON.stringify(e.externalId)}]`;
}
