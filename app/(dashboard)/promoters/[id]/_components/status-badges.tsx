import { EmptyValue } from "@/components/cell-text.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cn } from "@/lib/utils.ts";

// Tints for the states shown on a promoter's page: settled/approved green, waiting amber, refused
// red, anything else neutral. Semantic tokens only, so dark mode follows the theme.
const TINT: Record<string, string> = {
  approved: "bg-success/15 text-success",
  paid: "bg-success/15 text-success",
  active: "bg-success/15 text-success",
  offer_running: "bg-success/15 text-success",
  pending: "bg-warning/15 text-warning",
  held: "bg-warning/15 text-warning",
  denied: "bg-destructive/15 text-destructive",
  rejected: "bg-destructive/15 text-destructive",
  cancelled: "bg-destructive/15 text-destructive",
};

/** A reward's, fulfilment's, lead's or promotion's status as a small tinted badge ("—" when unknown). */
export function StateBadge({ value, title }: { value: string | null; title?: string }) {
  if (!value) return <EmptyValue />;
  return (
    <Badge variant="outline" className={cn("border-transparent", TINT[value] ?? "bg-muted text-muted-foreground")} title={title}>
      {value.replaceAll("_", " ")}
    </Badge>
  );
}
