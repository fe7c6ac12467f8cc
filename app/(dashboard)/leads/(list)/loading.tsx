import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { LEADS_SKELETON } from "../_components/leads-skeleton.ts";

export default function Loading() {
  return (
    <main className="mx-auto max-w-7xl space-y-4 p-4 md:p-6" aria-busy="true" aria-label="Loading">
      <div className="space-y-2">
        <Skeleton className="h-8 w-28" />
        <Skeleton className="h-4 w-[28rem] max-w-full" />
      </div>
      <DataTableSkeleton {...LEADS_SKELETON} />
    </main>
  );
}
