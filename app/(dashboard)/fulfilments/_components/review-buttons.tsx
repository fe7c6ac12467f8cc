"use client";

import { Check, CheckCircle2, Pause, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { ReviewDialog, type ReviewRequest } from "./review-dialog.tsx";

type Props = {
  fulfilment: { id: string; amount: string | null; unit: string | null };
  /** Pending or held: the buttons show. Once decided they go, and the success message stays. */
  reviewable: boolean;
};

/**
 * Approve / hold / reject one fulfilment from its detail page (rendered for admins only), through
 * the same confirm dialog and server action as the queue. After a change the action re-renders the
 * page with the new status; this component stays mounted, so its success message stays too.
 */
export function ReviewButtons({ fulfilment, reviewable }: Props) {
  const [request, setRequest] = useState<ReviewRequest | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ask = (decision: ReviewRequest["decision"]) => setRequest({ decision, rows: [fulfilment] });
  return (
    <div className="space-y-2">
      {reviewable && (
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={() => ask("approved")}>
          <Check aria-hidden /> Approve…
        </Button>
        <Button size="sm" variant="outline" onClick={() => ask("held")}>
          <Pause aria-hidden /> Hold…
        </Button>
        <Button size="sm" variant="outline" className="text-destructive" onClick={() => ask("rejected")}>
          <X aria-hidden /> Reject…
        </Button>
      </div>
      )}
      {done && (
        <p role="status" className="flex items-center gap-1.5 text-sm">
          <CheckCircle2 className="size-4 text-success" aria-hidden /> {done}
        </p>
      )}
      <ReviewDialog
        request={request}
        onOpenChange={(open) => !open && setRequest(null)}
        onDone={(message) => {
          setRequest(null);
          setDone(message);
        }}
      />
    </div>
  );
}
