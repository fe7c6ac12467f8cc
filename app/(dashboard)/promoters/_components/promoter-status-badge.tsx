import { Badge } from "@/components/ui/badge.tsx";
import { cn } from "@/lib/utils.ts";

// FirstPromoter's promoter statuses, tinted by what they mean for payouts: active (green), waiting
// for approval (amber), refused or blocked (red); anything else neutral.
const STYLE: Record<string, string> = {
  active: "bg-success/15 text-success",
  accepted: "bg-success/15 text-success",
  pending: "bg-warning/15 text-warning",
  denied: "bg-destructive/15 text-destructive",
  blocked: "bg-destructive/15 text-destructive",
  rejected: "bg-destructive/15 text-destructive",
};

/** A promoter's status as FirstPromoter last sent it ("unknown" when no snapshot carried one). */
export function PromoterStatusBadge({ status }: { status: string | null }) {
  return (
    <Badge variant="outline" className={cn("border-transparent", status ? (STYLE[status] ?? "bg-muted text-muted-foreground") : "bg-muted text-muted-foreground italic")}>
      {status ?? "unknown"}
    </Badge>
  );
}
