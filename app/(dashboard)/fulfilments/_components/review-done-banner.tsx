"use client";

import { AlertTriangle, CheckCircle2, Loader2, Undo2, X } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button.tsx";
import { useNow } from "@/hooks/use-now.ts";
import { undoReviewAction } from "../_lib/actions.ts";
import type { ReviewDone } from "./review-dialog.tsx";

/**
 * The confirmation after a review (a status region, so screen readers announce it), with Undo while
 * the decision's undo window lasts: a countdown, then the button goes. Undo runs the guarded server
 * action; if a send started meanwhile it says so and changes nothing.
 */
export function ReviewDoneBanner({ done, onDismiss, onChange }: { done: ReviewDone; onDismiss: () => void; onChange: (done: ReviewDone) => void }) {
  const until = done.undo ? new Date(done.undo.until) : null;
  const now = useNow(new Date(), until !== null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const left = until ? Math.ceil((until.getTime() - now.getTime()) / 1000) : 0;
  const undoIds = done.undo?.ids;
  const undo = () =>
    startTransition(async () => {
      if (!undoIds) return;
      const result = await undoReviewAction({ ids: undoIds });
      if (result.ok) onChange({ message: result.message ?? "Undone." });
      else setError(result.error);
    });
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 rounded-md border bg-success/10 px-3 py-2 text-sm">
      <CheckCircle2 className="size-4 shrink-0 text-success" aria-hidden />
      <span className="min-w-0 flex-1">
        {done.message}
        {error && (
          <span className="mt-1 flex items-center gap-1 text-destructive">
            <AlertTriangle className="size-3.5" aria-hidden /> {error}
          </span>
        )}
      </span>
      {done.undo && left > 0 && !error && (
        <Button variant="outline" size="sm" onClick={undo} disabled={pending}>
          {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Undo2 aria-hidden />} Undo <span className="tabular-nums text-muted-foreground">({left} s)</span>
        </Button>
      )}
      <Button variant="ghost" size="icon-xs" onClick={onDismiss} aria-label="Dismiss">
        <X aria-hidden />
      </Button>
    </div>
  );
}
