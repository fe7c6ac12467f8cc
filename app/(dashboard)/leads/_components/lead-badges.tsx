import { EmptyValue } from "@/components/cell-text.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cn } from "@/lib/utils.ts";

// A lead's state and suspicion as badges, shared by the list and the detail page. Values are
// FirstPromoter's free text, shown as sent; known ones get a tint (semantic tokens, so dark mode holds).

const STATE_STYLE: Record<string, string> = {
  signup: "bg-muted text-muted-foreground",
  active: "bg-success/15 text-success",
  cancelled: "bg-destructive/15 text-destructive",
  refunded: "bg-destructive/15 text-destructive",
  denied: "bg-destructive/15 text-destructive",
  pending: "bg-warning/15 text-warning",
};

export function LeadStateBadge({ state }: { state: string | null }) {
  if (!state) return <EmptyValue />;
  return (
    <Badge variant="outline" className={cn("border-transparent", STATE_STYLE[state] ?? "bg-secondary text-secondary-foreground")}>
      {state}
    </Badge>
  );
}

/** Short names for FirstPromoter's suspicion values (the full value is the badge's title). */
const SUSPICION_LABEL: Record<string, string> = {
  same_ip_suspicion: "same IP",
  // The lead signed up with its promoter's own email.
  same_promoter_email: "self-referral",
  ad_source: "ad source",
};

/** no_suspicion reads as quiet text; anything else is a warning worth a look. */
export function SuspicionBadge({ suspicion }: { suspicion: string | null }) {
  if (!suspicion) return <EmptyValue />;
  if (suspicion === "no_suspicion") return <span className="text-xs text-muted-foreground">none</span>;
  return (
    <Badge variant="warning" title={`FirstPromoter flagged this lead: ${suspicion}`}>
      {SUSPICION_LABEL[suspicion] ?? suspicion.replaceAll("_", " ")}
    </Badge>
  );
}
