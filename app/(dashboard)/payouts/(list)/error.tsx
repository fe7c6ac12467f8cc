"use client";

import { DataTableError } from "@/components/data-table/data-table-error.tsx";

// A failed payouts query lands here with a retry, instead of rendering as "no payouts".
export default function PayoutsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6">
      <h1 className="text-2xl font-semibold tracking-tight">Payouts</h1>
      <DataTableError error={error} reset={reset} title="The payouts could not be loaded" />
    </main>
  );
}
