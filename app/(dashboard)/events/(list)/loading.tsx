import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";

export default function Loading() {
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6" aria-busy="true" aria-label="Loading">
      <div className="space-y-2">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <Skeleton className="h-9 w-48" />
      <DataTableSkeleton columnCount={6} filterCount={3} cellWidths={["w-32", "w-20", "w-20", "w-40", "w-36", "w-36"]} />
    </main>
  );
}
