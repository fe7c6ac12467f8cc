// When a failed call is tried again, and when trying stops. Pure; the worker injects the clock.

export const RETRY = {
  /** The first retry waits about this long; each further one twice as long… */
  baseMs: 30_000,
  /** …up to this. */
  capMs: 3_600_000,
  /** Past this much time spent trying (paused, waiting and not-connected time excluded) a command is failed. */
  giveUpMs: 3 * 86_400_000,
} as const;

export type RetryPolicy = { baseMs: number; capMs: number; giveUpMs: number };

/**
 * The wait before retry number `attempt` (1 = the first retry): base·2^(attempt−1), capped, spread by
 * ±25% jitter so that commands failing together do not come back together. Never below a server's
 * Retry-After.
 */
export function backoffMs(attempt: number, opts: { policy?: RetryPolicy; random?: () => number; retryAfterMs?: number | null } = {}): number {
  const policy = opts.policy ?? RETRY;
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const jittered = Math.min(policy.capMs, Math.round(exp * (0.75 + 0.5 * (opts.random ?? Math.random)())));
  return Math.max(jittered, opts.retryAfterMs ?? 0);
}

/** Time spent trying so far: what was counted plus the stretch running since `clockSince`. */
export function triedMs(cmd: { triedMs: bigint; clockSince: Date | null }, now: Date): number {
  return Number(cmd.triedMs) + (cmd.clockSince ? Math.max(0, now.getTime() - cmd.clockSince.getTime()) : 0);
}
