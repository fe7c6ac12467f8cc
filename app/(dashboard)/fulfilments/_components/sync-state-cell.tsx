"use client";

import { AlertTriangle, CheckCircle2, CircleSlash, Clock, Hourglass, Info, Loader2, PauseCircle, PlugZap, Send, XCircle } from "lucide-react";
import { LocalTime } from "@/components/local-time.tsx";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip.tsx";
import { useNow } from "@/hooks/use-now.ts";
import type { SyncDescription, SyncStateKind, SyncTone } from "@/lib/fulfilments/sync-state.ts";
import { cn } from "@/lib/utils.ts";

const ICON: Partial<Record<SyncStateKind, typeof Info>> = {
  awaiting_review: Hourglass,
  held: PauseCircle,
  sending: Clock,
  sent: Send,
  retrying: Loader2,
  waiting: Hourglass,
  not_connected: PlugZap,
  paused: AlertTriangle,
  confirmed: CheckCircle2,
  answered_200: CheckCircle2,
  failed: XCircle,
  unfulfil_failed: XCircle,
  deny_failed: XCircle,
  fp_denied: CircleSlash,
  deny_confirmed: CircleSlash,
  fp_fulfilled: CheckCircle2,
};

const TONE: Record<SyncTone, string> = {
  muted: "text-muted-foreground",
  progress: "text-primary",
  success: "text-success",
  warning: "text-warning",
  danger: "text-destructive",
};

/** What the time under the label means, per state. */
const AT_LABEL: Partial<Record<SyncStateKind, string>> = {
  sent: "sent",
  retrying: "next try",
  confirmed: "confirmed",
  answered_200: "answered 200",
  failed: "gave up",
  unfulfil_sent: "sent",
  unfulfil_confirmed: "confirmed",
  unfulfil_failed: "gave up",
  deny_sent: "sent",
  deny_confirmed: "confirmed",
  deny_failed: "gave up",
  fp_fulfilled: "seen",
  fp_denied: "seen",
  settled: "settled",
};

/** Seconds left, as "in 23 s" / "in 2 min". */
function inTime(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return s < 90 ? `in ${s} s` : `in ${Math.round(s / 60)} min`;
}

/**
 * Where a fulfilment stands with FirstPromoter, and what to do: the label with its explanation as a
 * tooltip (a button, so keyboard focus shows it too), the time it refers to, a live countdown while
 * a decision can still be undone, and the admin's next step when there is one (`inlineAdvice`: the
 * explanation in full, where there is room).
 */
export function SyncStateCell({ sync, inlineAdvice = false, renderedAt }: { sync: SyncDescription; inlineAdvice?: boolean; renderedAt: Date }) {
  const until = sync.undoUntil ? new Date(sync.undoUntil) : null;
  const now = useNow(renderedAt, until !== null);
  const Icon = ICON[sync.kind] ?? Info;
  const left = until ? until.getTime() - now.getTime() : 0;
  return (
    <div className={cn("space-y-0.5 whitespace-normal", !inlineAdvice && "max-w-56 min-w-40")} data-sync-state={sync.kind}>
      <Tooltip>
        <TooltipTrigger asChild>
          <button type="button" className={cn("inline-flex items-center gap-1.5 rounded-sm text-left text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50", TONE[sync.tone])}>
            <Icon className={cn("size-4 shrink-0", sync.kind === "retrying" && "animate-spin [animation-duration:3s]")} aria-hidden />
            <span className="text-foreground">{sync.label}</span>
            <Info className="size-3 shrink-0 text-muted-foreground" aria-hidden />
          </button>
        </TooltipTrigger>
        <TooltipContent className="max-w-xs">{sync.advice}</TooltipContent>
      </Tooltip>
      {until && left > 0 && (
        <p className="text-xs text-muted-foreground tabular-nums" aria-live="off">
          sends {inTime(left)} · undo until then
        </p>
      )}
      {sync.at && AT_LABEL[sync.kind] && (
        <p className="text-xs text-muted-foreground">
          {AT_LABEL[sync.kind]} <LocalTime value={sync.at} />
        </p>
      )}
      {inlineAdvice ? <p className="text-sm text-muted-foreground">{sync.advice}</p> : sync.todo && <p className="text-xs font-medium text-warning">{sync.todo}</p>}
    </div>
  );
}
