import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";

export default function Loading() {
  return (
    <main className="mx-auto max-w-7xl space-y-4 p-4 md:p-6" aria-busy="true" aria-label="Loading">
      <div className="space-y-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-[32rem] max-w-full" />
      </div>
      <DataTableSkeleton columnCount={8} filterCount={4} cellWidths={["w-16", "w-28", "w-20", "w-20", "w-20", "w-36", "w-36", "w-6"]} />
    </main>
  );
}
