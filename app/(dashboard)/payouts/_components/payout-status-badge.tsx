import { EmptyValue } from "@/components/cell-text.tsx";
import { Badge } from "@/components/ui/badge.tsx";

/** FirstPromoter's payout status: completed green, pending/processing amber, failed/cancelled red, anything else plain. */
export function PayoutStatusBadge({ status }: { status: string | null }) {
  if (!status) return <EmptyValue />;
  if (status === "failed" || status === "cancelled") {
    return (
      <Badge variant="outline" className="border-transparent bg-destructive/15 text-destructive">
        {status}
      </Badge>
    );
  }
  const variant = status === "completed" ? "success" : status === "pending" || status === "processing" ? "warning" : "secondary";
  return <Badge variant={variant}>{status.replaceAll("_", " ")}</Badge>;
}
