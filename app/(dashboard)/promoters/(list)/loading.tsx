import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { PROMOTERS_SKELETON } from "../_components/promoters-skeleton.ts";

export default function Loading() {
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6" aria-busy="true" aria-label="Loading">
      <div className="space-y-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <DataTableSkeleton {...PROMOTERS_SKELETON} />
    </main>
  );
}
