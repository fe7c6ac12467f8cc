import { Badge } from "@/components/ui/badge.tsx";

/** Beside a record's status: FirstPromoter (v2) deleted it; Ledger keeps it, hidden from lists by default. */
export function DeletedBadge({ deleted }: { deleted: boolean | null | undefined }) {
  if (!deleted) return null;
  return (
    <Badge variant="outline" className="ml-1 text-muted-foreground" title="Deleted in FirstPromoter (kept by Ledger)">
      deleted
    </Badge>
  );
}
