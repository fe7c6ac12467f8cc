import { Badge } from "@/components/ui/badge.tsx";
import { cn } from "@/lib/utils.ts";

const STYLE: Record<string, string> = {
  processed: "bg-success/15 text-success",
  accepted: "bg-success/15 text-success",
  duplicate: "bg-muted text-muted-foreground",
  ignored: "bg-muted text-muted-foreground",
  failed: "bg-destructive/15 text-destructive",
  rejected: "bg-destructive/15 text-destructive",
};

/** An event's processing outcome (processed/ignored/failed) or a delivery's (accepted/duplicate/ignored/rejected). */
export function OutcomeBadge({ outcome, title }: { outcome: string; title?: string }) {
  return (
    <Badge variant="outline" className={cn("border-transparent", STYLE[outcome])} title={title}>
      {outcome}
    </Badge>
  );
}

/** An HTTP status Ledger answered: 2xx green, 202 (awaiting review) amber, 4xx/5xx red. */
export function StatusCodeBadge({ code }: { code: number }) {
  const style = code === 202 ? "bg-warning/15 text-warning" : code < 300 ? "bg-success/15 text-success" : "bg-destructive/15 text-destructive";
  return (
    <Badge variant="outline" className={cn("border-transparent font-mono tabular-nums", style)}>
      {code}
    </Badge>
  );
}
