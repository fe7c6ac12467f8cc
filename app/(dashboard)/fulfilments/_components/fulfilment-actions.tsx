"use client";

import { Check, CheckCheck, Pause, RotateCcw, Undo2, X } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button.tsx";
import type { SyncDescription } from "@/lib/fulfilments/sync-state.ts";
import { undoReviewAction } from "../_lib/actions.ts";
import { ReviewDialog, type ReviewDone, type ReviewRequest, type SyncSetup } from "./review-dialog.tsx";
import { ReviewDoneBanner } from "./review-done-banner.tsx";
import { SyncActionDialog, type SyncActionRequest } from "./sync-action-dialog.tsx";

type Props = {
  fulfilment: { id: string; amount: string | null; unit: string | null; reviewStatus: string };
  /** Pending or held (and not denied in FirstPromoter): the review buttons show. */
  reviewable: boolean;
  sync: SyncDescription;
  setup: SyncSetup;
};

/**
 * One fulfilment's actions on its detail page (rendered for admins only): approve / hold / reject
 * through the queue's confirm dialog, Undo inside the undo window, and the follow-ups its sync state
 * allows (mark unfulfilled; retry or settle a failed send). The server actions check the role and
 * the state themselves. The confirmation stays after the page re-renders with the new state.
 */
export function FulfilmentActions({ fulfilment, reviewable, sync, setup }: Props) {
  const [request, setRequest] = useState<ReviewRequest | null>(null);
  const [syncRequest, setSyncRequest] = useState<SyncActionRequest | null>(null);
  const [done, setDone] = useState<ReviewDone | null>(null);
  const [undoing, startUndo] = useTransition();
  const ask = (decision: ReviewRequest["decision"]) => setRequest({ decision, rows: [fulfilment] });
  const undoable = sync.undoUntil != null && new Date(sync.undoUntil) > new Date();
  const unfulfil = fulfilment.reviewStatus === "approved" && !undoable && sync.canUnfulfil;
  const undo = () =>
    startUndo(async () => {
      const result = await undoReviewAction({ ids: [fulfilment.id] });
      setDone({ message: result.ok ? (result.message ?? "Undone.") : `Not undone: ${result.error}` });
    });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {reviewable && (
          <>
            <Button size="sm" onClick={() => ask("approved")}>
              <Check aria-hidden /> Approve…
            </Button>
            <Button size="sm" variant="outline" onClick={() => ask("held")}>
              <Pause aria-hidden /> Hold…
            </Button>
            <Button size="sm" variant="outline" className="text-destructive" onClick={() => ask("rejected")}>
              <X aria-hidden /> Reject…
            </Button>
          </>
        )}
        {undoable && !done?.undo && (
          <Button size="sm" variant="outline" onClick={undo} disabled={undoing}>
            <Undo2 aria-hidden /> Undo {fulfilment.reviewStatus === "rejected" ? "rejection" : "approval"}
          </Button>
        )}
        {unfulfil && setup.connected && (
          <Button size="sm" variant="outline" className="text-destructive" onClick={() => setSyncRequest({ kind: "unfulfil", id: fulfilment.id })}>
            <RotateCcw aria-hidden /> Mark unfulfilled…
          </Button>
        )}
        {sync.canRetry && (
          <>
            <Button size="sm" onClick={() => setSyncRequest({ kind: "retry", id: fulfilment.id })}>
              <RotateCcw aria-hidden /> Retry send…
            </Button>
            <Button size="sm" variant="outline" onClick={() => setSyncRequest({ kind: "settle", id: fulfilment.id })}>
              <CheckCheck aria-hidden /> Settled in FirstPromoter…
            </Button>
          </>
        )}
      </div>
      {unfulfil && !setup.connected && <p className="text-sm text-muted-foreground">To reverse this approval, mark it unfulfilled in FirstPromoter.</p>}
      {fulfilment.reviewStatus === "rejected" && !undoable && <p className="text-sm text-muted-foreground">To reverse a rejection, change the commission in FirstPromoter.</p>}
      {done && <ReviewDoneBanner done={done} onDismiss={() => setDone(null)} onChange={setDone} />}
      <ReviewDialog
        request={request}
        setup={setup}
        onOpenChange={(open) => !open && setRequest(null)}
        onDone={(d) => {
          setRequest(null);
          setDone(d);
        }}
      />
      <SyncActionDialog
        request={syncRequest}
        onOpenChange={(open) => !open && setSyncRequest(null)}
        onDone={(message) => {
          setSyncRequest(null);
          setDone({ message });
        }}
      />
    </div>
  );
}
