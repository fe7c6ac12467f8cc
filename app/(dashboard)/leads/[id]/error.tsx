"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { DataTableError } from "@/components/data-table/data-table-error.tsx";

// A failed lead query (database down, statement timeout) lands here with a retry, instead of a
// half-empty page.
export default function LeadError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6">
      <Link href="/leads" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> Leads
      </Link>
      <DataTableError error={error} reset={reset} title="This lead could not be loaded" />
    </main>
  );
}
