import { EmptyValue } from "@/components/cell-text.tsx";
import { Badge } from "@/components/ui/badge.tsx";

/** FirstPromoter's reward status: approved green, pending amber, denied/cancelled red, anything else plain. */
export function RewardStatusBadge({ status }: { status: string | null }) {
  if (!status) return <EmptyValue />;
  const variant = status === "approved" ? "success" : status === "pending" ? "warning" : /^(denied|cancel|reject|declin)/.test(status) ? "destructive" : "secondary";
  return (
    <Badge variant={variant === "destructive" ? "outline" : variant} className={variant === "destructive" ? "border-transparent bg-destructive/15 text-destructive" : undefined}>
      {status.replaceAll("_", " ")}
    </Badge>
  );
}
