"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, runAction } from "@/lib/actions/action-result.ts";
import { requestContext } from "@/lib/auth/request-context.ts";
import { requireActionUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { markUnfulfilled } from "@/lib/fulfilments/mark-unfulfilled.ts";
import { retrySend } from "@/lib/fulfilments/retry-send.ts";
import { reviewFulfilments } from "@/lib/fulfilments/review-fulfilments.ts";
import { MAX_BULK_REVIEW, MAX_REVIEW_REASON } from "@/lib/fulfilments/review-limits.ts";
import { settleInFirstPromoter } from "@/lib/fulfilments/settle-in-firstpromoter.ts";
import { undoReview } from "@/lib/fulfilments/undo-review.ts";
import { nudgeWorker } from "@/lib/outbox/start-worker.ts";
import { FP_ID } from "@/lib/records/fp-id.ts";

const idSchema = z.string().regex(FP_ID, "not a fulfilment id");
const reviewSchema = z.object({
  ids: z.array(idSchema).min(1).max(MAX_BULK_REVIEW),
  decision: z.enum(["approved", "held", "rejected"]),
  reason: z.string().max(MAX_REVIEW_REASON).optional(),
});

export type ReviewActionResult = ActionResult & { undo?: { ids: string[]; until: string } };

function revalidate() {
  // The queue, and the detail pages of what changed (the current page is re-rendered in the
  // action's response either way).
  revalidatePath("/fulfilments");
  revalidatePath("/fulfilments/[id]", "page");
}

/** Approve, hold or reject one or many fulfilments (admins only); all or nothing. */
export async function reviewFulfilmentsAction(input: z.input<typeof reviewSchema>): Promise<ReviewActionResult> {
  let undo: ReviewActionResult["undo"];
  const result = await runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const { ids, decision, reason } = reviewSchema.parse(input);
    const { ip } = await requestContext();
    const done = await reviewFulfilments(db().prisma, { ids, decision, reason }, admin, ip);
    revalidate();
    const n = done.ids.length;
    const noun = `fulfilment${n === 1 ? "" : "s"}`;
    if (done.undoUntil) undo = { ids: done.ids.map(String), until: done.undoUntil.toISOString() };
    if (decision === "held") return { ok: true, message: `Held ${n} ${noun}. Nothing is sent to FirstPromoter.` };
    const verb = decision === "approved" ? "Approved" : "Rejected";
    const them = n === 1 ? "it" : "them";
    const what = decision === "approved" ? `mark ${them} fulfilled` : `deny ${them}`;
    return {
      ok: true,
      message: done.connected
        ? `${verb} ${n} ${noun}. Ledger tells FirstPromoter to ${what} when the undo window ends.`
        : `${verb} ${n} ${noun}. FirstPromoter's API is not connected, so nothing is sent.`,
    };
  });
  return result.ok ? { ...result, undo } : result;
}

/** Takes decisions back while nothing can have reached FirstPromoter (admins only); all or nothing. */
export async function undoReviewAction(input: { ids: string[] }): Promise<ActionResult> {
  return runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const ids = z.array(idSchema).min(1).max(MAX_BULK_REVIEW).parse(input.ids);
    const { ip } = await requestContext();
    const done = await undoReview(db().prisma, ids, admin, ip);
    revalidate();
    return { ok: true, message: `Undone: ${done.length} fulfilment${done.length === 1 ? " is" : "s are"} back as before, and nothing was sent.` };
  });
}

/** Asks FirstPromoter, through the outbox, to mark an approved fulfilment unfulfilled (admins only). */
export async function markUnfulfilledAction(input: { id: string }): Promise<ActionResult> {
  return runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const { ip } = await requestContext();
    const { queued } = await markUnfulfilled(db().prisma, idSchema.parse(input.id), admin, ip);
    revalidate();
    nudgeWorker();
    return { ok: true, message: queued ? "Mark unfulfilled is queued behind the send under way." : "Mark unfulfilled is on its way to FirstPromoter." };
  });
}

/** Tries a failed send again with a fresh 3-day clock (admins only). */
export async function retrySendAction(input: { id: string }): Promise<ActionResult> {
  return runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const { ip } = await requestContext();
    await retrySend(db().prisma, idSchema.parse(input.id), admin, ip);
    revalidate();
    nudgeWorker();
    return { ok: true, message: "Retrying: a new send is on its way." };
  });
}

/** Records that a failed send was settled in FirstPromoter's own dashboard (admins only). */
export async function settleAction(input: { id: string; note: string }): Promise<ActionResult> {
  return runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const { ip } = await requestContext();
    await settleInFirstPromoter(db().prisma, idSchema.parse(input.id), input.note, admin, ip);
    revalidate();
    return { ok: true, message: "Marked as settled in FirstPromoter." };
  });
}
