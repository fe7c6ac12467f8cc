import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";

// Rendered for /promoters/<id> when the id is not a positive bigint or no such promoter is stored:
// [id]/layout.tsx calls notFound() outside the page's loading boundary, so this boundary (the parent
// segment's) catches it and the answer is a 404.
export default function PromoterNotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">No such promoter</h1>
      <p className="max-w-md text-sm text-muted-foreground">
        Ledger has no promoter with this id. Promoters appear with the first event that names them; search the list by email, name or ref id instead.
      </p>
      <Button asChild variant="outline">
        <Link href="/promoters">Back to promoters</Link>
      </Button>
    </main>
  );
}
