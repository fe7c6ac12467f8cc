import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { getConnection } from "@/lib/outbox/connection.ts";
import { type ApiConfig, DEFAULT_API_URL, apiConfigFromEnv, isConnected, maskKey } from "./config.ts";

export type ConnectionStatus = {
  /** connected: both credentials set; paused: set, but FirstPromoter refuses them; incomplete: one of them is missing. */
  state: "connected" | "paused" | "not_connected" | "incomplete";
  missing: string[];
  apiUrl: string;
  customUrl: boolean;
  accountId: string | null;
  /** The key's last four characters, never more. */
  keyMasked: string | null;
  sendDelayS: number;
  budget: { perWindow: number; windowS: number };
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  pausedAt: Date | null;
  pausedReason: string | null;
  rateLimitedUntil: Date | null;
  /** Commands per state (open and failed ones matter here). */
  commands: Record<string, number>;
};

/** What Settings shows of the connection: configuration (masked), the shared row's last success/error, and the outbox's counts. */
export async function getConnectionStatus(prisma: PrismaClient, config: ApiConfig = apiConfigFromEnv()): Promise<ConnectionStatus> {
  const [row, counts] = await Promise.all([
    getConnection(prisma),
    prisma.$queryRaw<{ state: string; n: number }[]>`
      SELECT state::text AS state, count(*)::int AS n FROM fp_command
      WHERE state IN ('not_connected', 'scheduled', 'in_flight', 'waiting', 'queued') OR (state = 'failed' AND settled_at IS NULL)
      GROUP BY 1`,
  ]);
  const missing = [config.key ? null : "FIRSTPROMOTER_API_KEY", config.accountId ? null : "FIRSTPROMOTER_ACCOUNT_ID"].filter((m): m is string => m !== null);
  const state = isConnected(config) ? (row.pausedAt ? "paused" : "connected") : missing.length === 2 ? "not_connected" : "incomplete";
  return {
    state,
    missing,
    apiUrl: config.url,
    customUrl: config.url !== DEFAULT_API_URL,
    accountId: config.accountId,
    keyMasked: maskKey(config.key),
    sendDelayS: Math.round(config.sendDelayMs / 1000),
    budget: { perWindow: config.budget.perWindow, windowS: Math.round(config.budget.windowMs / 1000) },
    lastSuccessAt: row.lastSuccessAt,
    lastErrorAt: row.lastErrorAt,
    lastError: row.lastError,
    pausedAt: row.pausedAt,
    pausedReason: row.pausedReason,
    rateLimitedUntil: row.rateLimitedUntil,
    commands: Object.fromEntries(counts.map((c) => [c.state, c.n])),
  };
}
