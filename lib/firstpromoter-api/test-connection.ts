import "server-only";
import { type AuditActor, recordAudit } from "@/lib/audit/record-audit.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { pauseSends, recordError, recordSuccess } from "@/lib/outbox/connection.ts";
import { takeTokens } from "@/lib/outbox/rate-budget.ts";
import { ApiError, createApiClient } from "./client.ts";
import { type ApiConfig, apiConfigFromEnv, isConnected, keyFingerprint } from "./config.ts";

/** How many stored fulfilments Test connection looks up. */
export const TEST_SAMPLE = 5;

export type IdCheck = {
  id: string;
  ledger: { amount: string | null; unit: string | null };
  /** What FirstPromoter's API answered for the same id (null: it does not know it). */
  firstPromoter: { status: string; amount: number | null; unit: string | null } | null;
  /** Known, with the same amount and unit: Ledger's id is the one FirstPromoter's API takes. */
  matches: boolean;
};

export type TestResult =
  | { ok: true; checked: IdCheck[]; message: string }
  | { ok: false; message: string; kind: string };

/**
 * Settings → Test connection: `GET /commissions?ids[]=…` for up to 5 stored fulfilments, saying which
 * FirstPromoter knows with the same amount and unit — the check that a fulfilment's id (FirstPromoter's
 * "ID of the reward record") is the commission id its API takes. With no stored fulfilment, the
 * cheapest list call. A success ends a pause; a 401/403 starts one. Audited (never the key).
 */
export async function testConnection(prisma: PrismaClient, actor: NonNullable<AuditActor>, ip?: string | null, config: ApiConfig = apiConfigFromEnv()): Promise<TestResult> {
  if (!isConnected(config)) return { ok: false, kind: "not_configured", message: "Set FIRSTPROMOTER_API_KEY and FIRSTPROMOTER_ACCOUNT_ID, then restart Ledger." };
  const client = createApiClient(config);
  const sample = await prisma.fulfilment.findMany({ orderBy: { id: "desc" }, take: TEST_SAMPLE, select: { id: true, amount: true, unit: true } });
  const now = () => new Date();
  let result: TestResult;
  try {
    if (!(await takeTokens(prisma, 1, config.budget))) throw new ApiError("rate_limited", "Ledger's own request budget is spent for this minute; try again shortly");
    if (sample.length === 0) {
      await client.ping();
      result = { ok: true, checked: [], message: "FirstPromoter accepted the key and account id. No fulfilment is stored yet, so no id could be checked." };
    } else {
      const found = new Map((await client.commissions(sample.map((f) => f.id))).map((c) => [String(c.id), c]));
      const checked = sample.map((f): IdCheck => {
        const c = found.get(f.id.toString());
        const fp = c ? { status: c.status, amount: c.amount ?? null, unit: c.unit ?? null } : null;
        const sameAmount = fp !== null && f.amount !== null && fp.amount !== null && Number(f.amount) === fp.amount;
        return { id: f.id.toString(), ledger: { amount: f.amount?.toFixed(4) ?? null, unit: f.unit }, firstPromoter: fp, matches: fp !== null && sameAmount && fp.unit === f.unit };
      });
      const matching = checked.filter((c) => c.matches).length;
      result = {
        ok: true,
        checked,
        message:
          matching === checked.length
            ? `FirstPromoter accepted the key, and knows all ${checked.length} fulfilment ids checked, with the same amount and unit.`
            : `FirstPromoter accepted the key, but only ${matching} of ${checked.length} fulfilment ids match a commission with the same amount and unit: sends for the others will fail with "FirstPromoter does not know this id".`,
      };
    }
    await prisma.$transaction((tx) => recordSuccess(tx, now()));
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError("network", (err as Error).message);
    if (e.kind === "auth") await prisma.$transaction((tx) => pauseSends(tx, e.message, keyFingerprint(config.key), now()));
    else await recordError(prisma, e.message, now());
    result = { ok: false, kind: e.kind, message: e.message };
  }
  await recordAudit(prisma, {
    actor,
    action: "firstpromoter.test_connection",
    targetType: "firstpromoter",
    targetId: config.accountId,
    after: result.ok ? { ok: true, checked: result.checked.length, matching: result.checked.filter((c) => c.matches).length } : { ok: false, error: result.message },
    ip,
  });
  return result;
}
