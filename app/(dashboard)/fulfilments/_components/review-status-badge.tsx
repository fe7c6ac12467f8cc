import { Badge } from "@/components/ui/badge.tsx";
import type { ReviewStatus } from "@/lib/fulfilments/search-params.ts";
import { cn } from "@/lib/utils.ts";

const STYLE: Record<ReviewStatus, string> = {
  pending: "bg-warning/15 text-warning",
  held: "bg-muted text-muted-foreground",
  approved: "bg-success/15 text-success",
  rejected: "bg-destructive/15 text-destructive",
};

/** Ledger's review of a fulfilment: pending (amber: needs a decision), held, approved, rejected. */
export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  return (
    <Badge variant="outline" className={cn("border-transparent", STYLE[status])}>
      {status}
    </Badge>
  );
}
