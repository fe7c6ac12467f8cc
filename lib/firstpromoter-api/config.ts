import { createHash } from "node:crypto";

// How Ledger reaches FirstPromoter's API (v2): read from the environment once per use, never stored.
// The key itself stays here and in the client's Authorization header: pages, logs, errors, the audit
// log and exports only ever see maskKey() or keyFingerprint().

export const DEFAULT_API_URL = "https://api.firstpromoter.com/api/v2/company";

export type ApiConfig = {
  /** Base URL, without a trailing slash. */
  url: string;
  key: string | null;
  accountId: string | null;
  /** How long a decision waits before the first send (and can be undone meanwhile). */
  sendDelayMs: number;
  /** The request budget all instances share: at most `perWindow` calls in any `windowMs`. */
  budget: { perWindow: number; windowMs: number };
};

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${value}"`);
  return n;
}

export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const url = (env.FIRSTPROMOTER_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, "");
  return {
    url,
    key: env.FIRSTPROMOTER_API_KEY?.trim() || null,
    accountId: env.FIRSTPROMOTER_ACCOUNT_ID?.trim() || null,
    sendDelayMs: positive(env.FIRSTPROMOTER_SEND_DELAY_S, 30, "FIRSTPROMOTER_SEND_DELAY_S") * 1000,
    budget: {
      perWindow: Math.max(1, Math.floor(positive(env.FIRSTPROMOTER_RATE_LIMIT, 300, "FIRSTPROMOTER_RATE_LIMIT"))),
      windowMs: Math.max(1, positive(env.FIRSTPROMOTER_RATE_WINDOW_S, 60, "FIRSTPROMOTER_RATE_WINDOW_S") * 1000),
    },
  };
}

/** Both credentials are set: commands are sent. Otherwise they wait as "not connected". */
export function isConnected(config: Pick<ApiConfig, "key" | "accountId">): config is ApiConfig & { key: string; accountId: string } {
  return config.key !== null && config.accountId !== null;
}

/** What Settings shows of the key: its last four characters. */
export function maskKey(key: string | null): string | null {
  if (key === null) return null;
  return key.length <= 4 ? "••••" : `••••${key.slice(-4)}`;
}

/** A short, one-way name for the key (to notice that the refused key was replaced), never the key. */
export function keyFingerprint(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}
