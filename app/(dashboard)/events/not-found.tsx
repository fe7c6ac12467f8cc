import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";

export default function EventNotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">No such event</h1>
      <p className="text-sm text-muted-foreground">There is no stored event with this id. Search the history by FirstPromoter&apos;s event id instead.</p>
      <Button asChild variant="outline">
        <Link href="/events">Back to events</Link>
      </Button>
    </main>
  );
}
