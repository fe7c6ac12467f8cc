"use client";

import { Check, ExternalLink, MoreHorizontal, Pause, X } from "lucide-react";
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

/** Pending and held fulfilments can be decided; approved and rejected ones are final. */
export function isReviewable(row: Pick<FulfilmentRow, "reviewStatus">): boolean {
  return row.reviewStatus === "pending" || row.reviewStatus === "held";
}

/**
 * One fulfilment's actions (admins only): approve, hold or reject it (each through the confirm
 * dialog), or open its detail. A menu button: Enter/Space opens it, arrows move, Escape closes.
 */
export function RowActions({ row, onReview }: { row: FulfilmentRow; onReview: (request: ReviewRequest) => void }) {
  const reviewable = isReviewable(row);
  const ask = (decision: ReviewRequest["decision"]) => onReview({ decision, rows: [{ id: row.id, amount: row.amount, unit: row.unit }] });
  return (
    // Not modal: the menu closes as the dialog opens, and two modal layers at once can leave the page
    // unclickable (Radix's pointer-events lock).
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`Actions for fulfilment ${row.id}`}>
          <MoreHorizontal aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="min-w-44">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
          {reviewable ? `Fulfilment ${row.id}` : `Already ${row.reviewStatus}`}
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
