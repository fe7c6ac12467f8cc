"use client";

import { DataTableError } from "@/components/data-table/data-table-error.tsx";

// A failed leads query (database down, statement timeout) lands here with a retry, instead of
// rendering as "no leads".
export default function LeadsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-7xl space-y-4 p-4 md:p-6">
      <h1 className="text-2xl font-semibold tracking-tight">Leads</h1>
      <DataTableError error={error} reset={reset} title="The leads could not be loaded" />
    </main>
  );
}
