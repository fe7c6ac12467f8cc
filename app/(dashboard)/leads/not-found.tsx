import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";

export default function LeadNotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">No such lead</h1>
      <p className="text-sm text-muted-foreground">
        There is no stored lead with this id. Leads are listed by FirstPromoter&apos;s lead id; search the list by email, id or uid instead.
      </p>
      <Button asChild variant="outline">
        <Link href="/leads">Back to leads</Link>
      </Button>
    </main>
  );
}
