import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";

export default function Loading() {
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6" aria-busy="true" aria-label="Loading">
      <div className="space-y-2">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <DataTableSkeleton columnCount={7} filterCount={3} cellWidths={["w-16", "w-20", "w-20", "w-32", "w-40", "w-10", "w-36"]} />
    </main>
  );
}
