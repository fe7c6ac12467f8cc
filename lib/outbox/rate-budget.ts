import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

/**
 * Takes `n` tokens from the request budget every instance shares (FirstPromoter allows 400 requests
 * a minute per account; Ledger keeps all of its instances under FIRSTPROMOTER_RATE_LIMIT, 300 by
 * default). A token bucket in the connection row, updated by one statement (its row lock serialises
 * instances): it holds at most `capacity` tokens and refills at (perWindow − capacity) per window, so
 * no window of that length ever sees more than perWindow calls. False: no token now, try later.
 * Postgres's clock, not the worker's, so instances agree.
 */
export async function takeTokens(prisma: PrismaClient, n: number, budget: { perWindow: number; windowMs: number }): Promise<boolean> {
  const capacity = Math.max(1, Math.floor(budget.perWindow / 10));
  const perMs = Math.max(0, budget.perWindow - capacity) / budget.windowMs;
  const rows = await prisma.$queryRaw<{ tokens: number }[]>`
    WITH t AS (SELECT clock_timestamp() AS now)
    UPDATE fp_connection c SET
      tokens = LEAST(${capacity}::float8, c.tokens + GREATEST(0, EXTRACT(EPOCH FROM (t.now - c.tokens_at)) * 1000) * ${perMs}::float8) - ${n}::float8,
      tokens_at = GREATEST(c.tokens_at, t.now)
    FROM t
    WHERE c.id = 1 AND LEAST(${capacity}::float8, c.tokens + GREATEST(0, EXTRACT(EPOCH FROM (t.now - c.tokens_at)) * 1000) * ${perMs}::float8) >= ${n}::float8
    RETURNING c.tokens`;
  return rows.length > 0;
}
