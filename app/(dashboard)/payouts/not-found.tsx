import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";

export default function PayoutNotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">No such payout</h1>
      <p className="text-sm text-muted-foreground">Ledger has stored no payout with this id. Payouts come from FirstPromoter&apos;s v2 webhooks.</p>
      <Button asChild variant="outline">
        <Link href="/payouts">Back to payouts</Link>
      </Button>
    </main>
  );
}
