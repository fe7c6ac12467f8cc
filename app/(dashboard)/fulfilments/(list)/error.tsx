"use client";

import { DataTableError } from "@/components/data-table/data-table-error.tsx";

// A failed queue query (database down, statement timeout) lands here with a retry, instead of
// rendering as "nothing awaits review".
export default function FulfilmentsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-7xl space-y-4 p-4 md:p-6">
      <h1 className="text-2xl font-semibold tracking-tight">Fulfilments</h1>
      <DataTableError error={error} reset={reset} title="The fulfilments could not be loaded" />
    </main>
  );
}
