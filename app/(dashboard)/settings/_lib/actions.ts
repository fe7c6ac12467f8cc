"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/lib/actions/action-result.ts";
import { requestContext } from "@/lib/auth/request-context.ts";
import { requireActionUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { ApiError } from "@/lib/firstpromoter-api/client.ts";
import { type TestResult, testConnection } from "@/lib/firstpromoter-api/test-connection.ts";
import { type ReconcileResult, reconcileNotConnected } from "@/lib/outbox/reconcile-not-connected.ts";
import { sendNotConnected } from "@/lib/outbox/send-not-connected.ts";
import { nudgeWorker } from "@/lib/outbox/start-worker.ts";

/** Settings → Test connection (admins only): which stored fulfilment ids FirstPromoter's API knows. */
export async function testConnectionAction(): Promise<ActionResult & { test?: TestResult }> {
  let test: TestResult | undefined;
  const result = await runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const { ip } = await requestContext();
    test = await testConnection(db().prisma, admin, ip);
    revalidatePath("/settings");
    return { ok: true, message: test.message };
  });
  return result.ok ? { ...result, test } : result;
}

/** Settings → reads back the commands decided while no API was connected (admins only). */
export async function reconcileAction(): Promise<ActionResult & { reconcile?: ReconcileResult }> {
  let reconcile: ReconcileResult | undefined;
  const result = await runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const { ip } = await requestContext();
    try {
      reconcile = await reconcileNotConnected(db().prisma, admin, ip);
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.message };
      throw err;
    }
    revalidatePath("/settings");
    revalidatePath("/fulfilments");
    return { ok: true, message: `${reconcile.settled.length} already done in FirstPromoter, ${reconcile.remaining.length} to send, ${reconcile.unknown.length} unknown to it.` };
  });
  return result.ok ? { ...result, reconcile } : result;
}

/** Settings → sends the commands that waited for the API, on the admin's word (admins only). */
export async function sendNotConnectedAction(): Promise<ActionResult> {
  return runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const { ip } = await requestContext();
    const n = await sendNotConnected(db().prisma, admin, ip);
    revalidatePath("/settings");
    revalidatePath("/fulfilments");
    nudgeWorker();
    return { ok: true, message: n === 0 ? "Nothing was waiting." : `${n} command${n === 1 ? " is" : "s are"} on their way to FirstPromoter.` };
  });
}
