"use client";

import { AlertTriangle, Loader2 } from "lucide-react";
import { type SubmitEvent, useId, useState, useTransition } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog.tsx";
import { Label } from "@/components/ui/label.tsx";
import { Textarea } from "@/components/ui/textarea.tsx";
import { useHydrated } from "@/hooks/use-hydrated.ts";
import { formatAmount } from "@/lib/format/amount.ts";
import type { ReviewDecision } from "@/lib/fulfilments/review-fulfilments.ts";
import { MAX_BULK_REVIEW, MAX_REVIEW_REASON } from "@/lib/fulfilments/review-limits.ts";
import { totalByUnit } from "@/lib/fulfilments/total-by-unit.ts";
import { reviewFulfilmentsAction } from "../_lib/actions.ts";

/** What the dialog is asked to do: a decision for some fulfilments (their amounts for the totals). */
export type ReviewRequest = { decision: ReviewDecision; rows: { id: string; amount: string | null; unit: string | null }[] };

/** What the sync with FirstPromoter looks like here: is the API connected, and how long is the undo window. */
export type SyncSetup = { connected: boolean; sendDelayS: number };

const NOT_CONNECTED =
  "FirstPromoter's API is not connected (Settings), so nothing is sent: FirstPromoter learns of it only if it sends the fulfilment again and Ledger answers 200, which it may never do.";

function copyFor(decision: ReviewDecision, setup: SyncSetup): { verb: string; button: string; explain: string } {
  const undo = `You can undo for ${setup.sendDelayS} s after confirming; nothing is sent before that.`;
  switch (decision) {
    case "approved":
      return {
        verb: "Approve",
        button: "Approve",
        explain: setup.connected
          ? `Ledger then tells FirstPromoter's API to mark each one fulfilled. If FirstPromoter still shows one pending, Ledger approves it there first; if it has no payout yet, Ledger creates the payout, then fulfils it. ${undo} All or nothing: if any of them was reviewed meanwhile, nothing changes.`
          : `${NOT_CONNECTED} All or nothing: if any of them was reviewed meanwhile, nothing changes.`,
      };
    case "held":
      return { verb: "Hold", button: "Hold", explain: "They leave the pending queue and can be approved or rejected later. Nothing is sent: FirstPromoter keeps them pending." };
    case "rejected":
      return {
        verb: "Reject",
        button: "Reject",
        explain: setup.connected
          ? `Ledger then tells FirstPromoter's API to deny each commission. ${undo} A rejection cannot be approved later here; to reverse a denial, change it in FirstPromoter.`
          : "FirstPromoter's API is not connected, so nothing is sent: deny the commissions in FirstPromoter yourself. A rejected fulfilment cannot be approved later.",
      };
  }
}

/** How many ids the dialog names before summing up the rest. */
const IDS_SHOWN = 12;

/** What a successful review reports back: the server's message, and what can be undone until when. */
export type ReviewDone = { message: string; undo?: { ids: string[]; until: string } };

type Props = {
  request: ReviewRequest | null;
  setup: SyncSetup;
  onOpenChange: (open: boolean) => void;
  /** Called after the change was made (the page re-renders with it). */
  onDone: (done: ReviewDone) => void;
};

/**
 * Confirms a review before running it: how many, the total per unit, and for hold/reject a required
 * reason. Runs the admin-only server action (which checks the role itself); on failure the dialog
 * stays open with the server's answer, which names the ids that blocked an all-or-nothing change.
 * A Radix dialog: focus is trapped inside, Escape and Cancel close it.
 */
export function ReviewDialog({ request, setup, onOpenChange, onDone }: Props) {
  return (
    <Dialog open={request !== null} onOpenChange={onOpenChange}>
      {/* Keyed so each request starts with an empty reason and no error. */}
      {request && <ReviewDialogContent key={request.rows.map((r) => r.id).join(",") + request.decision} request={request} setup={setup} onDone={onDone} />}
    </Dialog>
  );
}

function ReviewDialogContent({ request, setup, onDone }: { request: ReviewRequest; setup: SyncSetup; onDone: Props["onDone"] }) {
  const { decision, rows } = request;
  const copy = copyFor(decision, setup);
  const needsReason = decision !== "approved";
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reasonId = useId();
  const locale = useHydrated() ? undefined : "en-US";
  const noun = rows.length === 1 ? "fulfilment" : "fulfilments";
  const tooMany = rows.length > MAX_BULK_REVIEW;
  const trimmed = reason.trim();

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (needsReason && trimmed === "") {
      setError(`A reason is required to ${copy.verb.toLowerCase()} fulfilments.`);
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await reviewFulfilmentsAction({ ids: rows.map((r) => r.id), decision, reason: needsReason ? trimmed : undefined });
      if (result.ok) onDone({ message: result.message ?? `${copy.verb} done.`, undo: result.undo });
      else setError(result.fieldErrors?.reason ?? result.error);
    });
  };

  const shown = rows.slice(0, IDS_SHOWN).map((r) => r.id);
  return (
    <DialogContent>
      <form onSubmit={submit} className="grid gap-4">
        <DialogHeader>
          <DialogTitle>
            {copy.verb} {rows.length.toLocaleString(locale)} {noun}?
          </DialogTitle>
          <DialogDescription>{copy.explain}</DialogDescription>
        </DialogHeader>

        <div className="space-y-2 rounded-md border bg-muted/30 p-3 text-sm">
          <p className="text-xs font-medium text-muted-foreground">Total per unit</p>
          <ul className="space-y-1">
            {totalByUnit(rows).map((t) => (
              <li key={t.unit ?? "none"} className="flex justify-between gap-4">
                <span className="font-medium tabular-nums">{formatAmount(t.total, t.unit, { locale })}</span>
                <span className="text-muted-foreground">
                  {t.count.toLocaleString(locale)} {t.count === 1 ? "fulfilment" : "fulfilments"}
                  {t.unit === null ? " (no unit)" : ""}
                </span>
              </li>
            ))}
          </ul>
          <p className="text-xs text-muted-foreground">
            {rows.length === 1 ? "Id" : "Ids"} <span className="font-mono">{shown.join(", ")}</span>
            {rows.length > shown.length ? ` and ${(rows.length - shown.length).toLocaleString(locale)} more` : ""}
          </p>
        </div>

        {needsReason && (
          <div className="grid gap-2">
            <Label htmlFor={reasonId}>Reason (required)</Label>
            <Textarea
              id={reasonId}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={MAX_REVIEW_REASON}
              required
              rows={3}
              aria-invalid={error !== null && trimmed === ""}
              aria-describedby={`${reasonId}-hint`}
              placeholder={decision === "held" ? "e.g. waiting for the customer's invoice" : "e.g. the referral was a duplicate account"}
            />
            <p id={`${reasonId}-hint`} className="text-xs text-muted-foreground">
              Kept with the fulfilment and in the audit log. {reason.length}/{MAX_REVIEW_REASON}
            </p>
          </div>
        )}

        {tooMany && (
          <p role="alert" className="text-sm text-destructive">
            At most {MAX_BULK_REVIEW} fulfilments at once; select fewer.
          </p>
        )}
        {error && (
          <Alert variant="destructive">
            <AlertTriangle aria-hidden />
            <AlertTitle>Nothing was changed</AlertTitle>
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        )}

        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" variant={decision === "rejected" ? "destructive" : "default"} disabled={pending || tooMany}>
            {pending && <Loader2 className="animate-spin" aria-hidden />}
            {copy.button} {rows.length.toLocaleString(locale)} {noun}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}
