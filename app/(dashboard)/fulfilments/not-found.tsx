import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";

export default function FulfilmentNotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">No such fulfilment</h1>
      <p className="text-sm text-muted-foreground">Ledger has stored no fulfilment with this id. Search the queue by id across every review status instead.</p>
      <Button asChild variant="outline">
        <Link href="/fulfilments?review_status=all">Back to fulfilments</Link>
      </Button>
    </main>
  );
}
