"use client";

import { Check, CheckCheck, ExternalLink, MoreHorizontal, Pause, RotateCcw, Undo2, X } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu.tsx";
import type { FulfilmentRow } from "@/lib/fulfilments/list-fulfilments.ts";
import type { ReviewRequest } from "./review-dialog.tsx";
import type { SyncActionRequest } from "./sync-action-dialog.tsx";

/** Pending and held fulfilments can be decided; approved and rejected ones are final (undo aside). */
export function isReviewable(row: Pick<FulfilmentRow, "reviewStatus" | "syncState">): boolean {
  return (row.reviewStatus === "pending" || row.reviewStatus === "held") && row.syncState !== "fp_denied";
}

/** The decision can still be taken back: nothing was sent, inside the undo window. */
export function isUndoable(row: Pick<FulfilmentRow, "sync">, now = new Date()): boolean {
  return row.sync.undoUntil != null && new Date(row.sync.undoUntil) > now;
}

export type RowHandlers = {
  onReview: (request: ReviewRequest) => void;
  onSyncAction: (request: SyncActionRequest) => void;
  onUndo: (ids: string[]) => void;
  /** FirstPromoter's API is connected: unfulfil is offered (without it, the admin reverses it in FirstPromoter). */
  connected: boolean;
};

/**
 * One fulfilment's actions (admins only): approve, hold or reject it (each through the confirm
 * dialog); undo a decision inside its window; after an approval, mark it unfulfilled; after a failed
 * send, retry it or mark it settled in FirstPromoter; or open its detail. A menu button:
 * Enter/Space opens it, arrows move, Escape closes.
 */
export function RowActions({ row, handlers }: { row: FulfilmentRow; handlers: RowHandlers }) {
  const reviewable = isReviewable(row);
  const undoable = isUndoable(row);
  const ask = (decision: ReviewRequest["decision"]) => handlers.onReview({ decision, rows: [{ id: row.id, amount: row.amount, unit: row.unit }] });
  const follow = (kind: SyncActionRequest["kind"]) => handlers.onSyncAction({ kind, id: row.id });
  const unfulfil = row.reviewStatus === "approved" && !undoable && row.sync.canUnfulfil;
  return (
    // Not modal: the menu closes as the dialog opens, and two modal layers at once can leave the page
    // unclickable (Radix's pointer-events lock).
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`Actions for fulfilment ${row.id}`}>
          <MoreHorizontal aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="min-w-52">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
          {reviewable ? `Fulfilment ${row.id}` : row.syncState === "fp_denied" ? "Denied in FirstPromoter" : `Already ${row.reviewStatus}`}
        </DropdownMenuLabel>
        <DropdownMenuItem disabled={!reviewable} onSelect={() => ask("approved")}>
          <Check aria-hidden /> Approve…
        </DropdownMenuItem>
        <DropdownMenuItem disabled={!reviewable} onSelect={() => ask("held")}>
          <Pause aria-hidden /> Hold…
        </DropdownMenuItem>
        <DropdownMenuItem disabled={!reviewable} onSelect={() => ask("rejected")} variant="destructive">
          <X aria-hidden /> Reject…
        </DropdownMenuItem>
        {undoable && (
          <DropdownMenuItem onSelect={() => handlers.onUndo([row.id])}>
            <Undo2 aria-hidden /> Undo {row.reviewStatus === "rejected" ? "rejection" : "approval"}
          </DropdownMenuItem>
        )}
        {unfulfil && handlers.connected && (
          <DropdownMenuItem onSelect={() => follow("unfulfil")} variant="destructive">
            <RotateCcw aria-hidden /> Mark unfulfilled…
          </DropdownMenuItem>
        )}
        {unfulfil && !handlers.connected && (
          <DropdownMenuLabel className="max-w-56 text-xs font-normal text-muted-foreground">To reverse this approval, mark it unfulfilled in FirstPromoter.</DropdownMenuLabel>
        )}
        {row.sync.canRetry && (
          <>
            <DropdownMenuItem onSelect={() => follow("retry")}>
              <RotateCcw aria-hidden /> Retry send…
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => follow("settle")}>
              <CheckCheck aria-hidden /> Settled in FirstPromoter…
            </DropdownMenuItem>
          </>
        )}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href={`/fulfilments/${row.id}`}>
            <ExternalLink aria-hidden /> Details and history
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
