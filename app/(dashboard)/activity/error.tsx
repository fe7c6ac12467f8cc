"use client";

import { DataTableError } from "@/components/data-table/data-table-error.tsx";

// A failed audit-log query lands here with a retry, instead of rendering as "nothing recorded".
export default function ActivityError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6">
      <h1 className="text-2xl font-semibold tracking-tight">Activity</h1>
      <DataTableError error={error} reset={reset} title="The audit log could not be loaded" />
    </main>
  );
}
