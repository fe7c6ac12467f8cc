"use client";

import { AlertTriangle, Loader2 } from "lucide-react";
import { type SubmitEvent, useId, useState, useTransition } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog.tsx";
import { Label } from "@/components/ui/label.tsx";
import { Textarea } from "@/components/ui/textarea.tsx";
import type { ActionResult } from "@/lib/actions/action-result.ts";
import { markUnfulfilledAction, retrySendAction, settleAction } from "../_lib/actions.ts";

/** A follow-up on one fulfilment's sync with FirstPromoter, confirmed before it runs. */
export type SyncActionRequest = { kind: "unfulfil" | "retry" | "settle"; id: string };

const COPY = {
  unfulfil: {
    title: "Mark unfulfilled in FirstPromoter?",
    explain:
      "Ledger asks FirstPromoter's API to mark this commission unfulfilled (its payout goes back to pending). It stays approved here until FirstPromoter confirms, then awaits review again. Use it when the reward was not delivered after all.",
    button: "Mark unfulfilled",
  },
  retry: {
    title: "Retry the failed send?",
    explain: "Ledger sends it to FirstPromoter again at once, and keeps trying for up to 3 days as before.",
    button: "Retry now",
  },
  settle: {
    title: "Mark as settled in FirstPromoter?",
    explain:
      "For when you handled it in FirstPromoter's own dashboard after Ledger's sends failed. Ledger sends nothing more; your note goes to the audit log.",
    button: "Mark settled",
  },
} as const;

type Props = { request: SyncActionRequest | null; onOpenChange: (open: boolean) => void; onDone: (message: string) => void };

export function SyncActionDialog({ request, onOpenChange, onDone }: Props) {
  return (
    <Dialog open={request !== null} onOpenChange={onOpenChange}>
      {request && <Content key={`${request.kind}:${request.id}`} request={request} onDone={onDone} />}
    </Dialog>
  );
}

function Content({ request, onDone }: { request: SyncActionRequest; onDone: Props["onDone"] }) {
  const copy = COPY[request.kind];
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const noteId = useId();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (request.kind === "settle" && note.trim() === "") {
      setError("Say what you did in FirstPromoter.");
      return;
    }
    setError(null);
    startTransition(async () => {
      let result: ActionResult;
      if (request.kind === "unfulfil") result = await markUnfulfilledAction({ id: request.id });
      else if (request.kind === "retry") result = await retrySendAction({ id: request.id });
      else result = await settleAction({ id: request.id, note: note.trim() });
      if (result.ok) onDone(result.message ?? "Done.");
      else setError(result.fieldErrors?.note ?? result.error);
    });
  };
  return (
    <DialogContent>
      <form onSubmit={submit} className="grid gap-4">
        <DialogHeader>
          <DialogTitle>{copy.title}</DialogTitle>
          <DialogDescription>
            Fulfilment <span className="font-mono">{request.id}</span>. {copy.explain}
          </DialogDescription>
        </DialogHeader>
        {request.kind === "settle" && (
          <div className="grid gap-2">
            <Label htmlFor={noteId}>What you did in FirstPromoter (required)</Label>
            <Textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={3} required placeholder="e.g. marked it fulfilled by hand in Rewards → Fulfilments" />
          </div>
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
          <Button type="submit" variant={request.kind === "unfulfil" ? "destructive" : "default"} disabled={pending}>
            {pending && <Loader2 className="animate-spin" aria-hidden />}
            {copy.button}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}
