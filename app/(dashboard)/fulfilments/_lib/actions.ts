"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, runAction } from "@/lib/actions/action-result.ts";
import { requestContext } from "@/lib/auth/request-context.ts";
import { requireActionUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { reviewFulfilments } from "@/lib/fulfilments/review-fulfilments.ts";
import { MAX_BULK_REVIEW, MAX_REVIEW_REASON } from "@/lib/fulfilments/review-limits.ts";

const inputSchema = z.object({
  ids: z.array(z.string()).min(1).max(MAX_BULK_REVIEW),
  decision: z.enum(["approved", "held", "rejected"]),
  reason: z.string().max(MAX_REVIEW_REASON).optional(),
});

/** Approve, hold or reject one or many fulfilments (admins only); all or nothing. */
export async function reviewFulfilmentsAction(input: z.input<typeof inputSchema>): Promise<ActionResult> {
  return runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const { ids, decision, reason } = inputSchema.parse(input);
    const { ip } = await requestContext();
    const done = await reviewFulfilments(db().prisma, { ids, decision, reason }, admin, ip);
    // The queue, and the detail pages of what changed (the current page is re-rendered in the
    // action's response either way).
    revalidatePath("/fulfilments");
    revalidatePath("/fulfilments/[id]", "page");
    const verb = { approved: "Approved", held: "Held", rejected: "Rejected" }[decision];
    return { ok: true, message: `${verb} ${done.length} fulfilment${done.length === 1 ? "" : "s"}.` };
  });
}
