"use client";

import { AlertTriangle, CheckCircle2, Clock, Hourglass, Info, XCircle } from "lucide-react";
import { LocalTime } from "@/components/local-time.tsx";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip.tsx";
import type { SyncState } from "@/lib/fulfilments/sync-state.ts";
import { cn } from "@/lib/utils.ts";

const ICON = { awaiting_review: Hourglass, waiting_for_resend: Clock, confirmed: CheckCircle2, stopped: AlertTriangle, declined: XCircle } as const;
const TONE = {
  awaiting_review: "text-muted-foreground",
  waiting_for_resend: "text-muted-foreground",
  confirmed: "text-success",
  stopped: "text-warning",
  declined: "text-muted-foreground",
} as const;

/**
 * Where a fulfilment stands with FirstPromoter, and what to do. The full advice is a tooltip on the
 * label (a button, so keyboard focus shows it too); when the admin has to act in FirstPromoter, the
 * step itself is written under the label (`inlineAdvice`: the advice in full, where there is room).
 */
export function SyncStateCell({ sync, inlineAdvice = false }: { sync: SyncState; inlineAdvice?: boolean }) {
  const Icon = ICON[sync.kind];
  return (
    <div className={cn("space-y-0.5 whitespace-normal", !inlineAdvice && "max-w-52 min-w-40")}>
      <Tooltip>
        <TooltipTrigger asChild>
          <button type="button" className={cn("inline-flex items-center gap-1.5 rounded-sm text-left text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50", TONE[sync.kind])}>
            <Icon className="size-4 shrink-0" aria-hidden />
            <span className="text-foreground">{sync.label}</span>
            <Info className="size-3 shrink-0 text-muted-foreground" aria-hidden />
          </button>
        </TooltipTrigger>
        <TooltipContent className="max-w-xs">{sync.advice}</TooltipContent>
      </Tooltip>
      {sync.kind === "confirmed" && (
        <p className="text-xs text-muted-foreground">
          200 answered <LocalTime value={sync.at} />
        </p>
      )}
      {inlineAdvice ? (
        <p className="text-sm text-muted-foreground">{sync.advice}</p>
      ) : (
        "todo" in sync && <p className="text-xs font-medium text-warning">{sync.todo}</p>
      )}
    </div>
  );
}
