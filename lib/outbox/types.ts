// The outbox's vocabulary (docs/firstpromoter-sync.md has the state machine). Client-safe.

export const COMMAND_KINDS = ["mark_fulfilled", "deny", "mark_unfulfilled"] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

export const COMMAND_STATES = ["queued", "not_connected", "scheduled", "in_flight", "waiting", "confirmed", "failed", "cancelled"] as const;
export type CommandState = (typeof COMMAND_STATES)[number];

/** At most one command per fulfilment is in one of these (a partial unique index says so). */
export const OPEN_STATES = ["not_connected", "scheduled", "in_flight", "waiting"] as const satisfies readonly CommandState[];
/** What the worker claims when due. */
export const CLAIMABLE_STATES = ["scheduled", "in_flight", "waiting"] as const satisfies readonly CommandState[];
export const TERMINAL_STATES = ["confirmed", "failed", "cancelled"] as const satisfies readonly CommandState[];

export function isOpen(state: CommandState): boolean {
  return (OPEN_STATES as readonly string[]).includes(state);
}

/** The calls a command's steps make: the batch actions, plus reading the ids back. */
export type Step = "approve" | "generate_payouts" | "mark_fulfilled" | "deny" | "mark_unfulfilled" | "read_back";

/** The first call each kind makes. */
export const FIRST_STEP: Record<CommandKind, Step> = { mark_fulfilled: "mark_fulfilled", deny: "deny", mark_unfulfilled: "mark_unfulfilled" };

/** A command as the worker and its transitions see it. */
export type Command = {
  id: bigint;
  fulfilmentId: bigint;
  kind: CommandKind;
  state: CommandState;
  step: Step;
  solo: boolean;
  payoutRequested: boolean;
  readBackFor: Step | null;
  batchId: bigint | null;
  attempts: number;
  triedMs: bigint;
  clockSince: Date | null;
  lastError: string | null;
};
