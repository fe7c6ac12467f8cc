import { Skeleton } from "@/components/ui/skeleton.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import { cn } from "@/lib/utils.ts";

type Props = {
  columnCount: number;
  rowCount?: number;
  /** Filter buttons to sketch in the toolbar. */
  filterCount?: number;
  withSearch?: boolean;
  /** Tailwind widths per column, e.g. ["w-40", "w-24"]; the rest are "w-full". */
  cellWidths?: string[];
  className?: string;
};

/** The table's shape while the server query runs (the Suspense fallback and loading.tsx). */
export function DataTableSkeleton({ columnCount, rowCount = 10, filterCount = 0, withSearch = true, cellWidths = [], className }: Props) {
  return (
    <div className={cn("flex w-full flex-col gap-2.5", className)} aria-busy="true" aria-label="Loading">
      <div className="flex w-full flex-wrap items-start gap-2">
        {withSearch && (
          <div className="w-full space-y-1.5 sm:w-72">
            <Skeleton className="h-8 w-full" />
            {/* The hint under the search box (what it matches). */}
            <Skeleton className="h-3 w-56" />
          </div>
        )}
        {Array.from({ length: filterCount }, (_, i) => (
          <Skeleton key={i} className="h-8 w-24 border-dashed" />
        ))}
        <Skeleton className="ml-auto h-8 w-20" />
      </div>
      <div className="rounded-md border">
        <Table>
          <TableHeader className="bg-muted/50">
            <TableRow className="hover:bg-transparent">
              {Array.from({ length: columnCount }, (_, i) => (
                <TableHead key={i}>
                  <Skeleton className={cn("h-5", cellWidths[i] ?? "w-full")} />
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {Array.from({ length: rowCount }, (_, r) => (
              <TableRow key={r} className="hover:bg-transparent">
                {Array.from({ length: columnCount }, (_, c) => (
                  <TableCell key={c}>
                    <Skeleton className={cn("h-5", cellWidths[c] ?? "w-full")} />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className="flex items-center justify-between px-1">
        <Skeleton className="h-5 w-32" />
        <div className="flex items-center gap-2">
          <Skeleton className="h-8 w-40" />
          <Skeleton className="h-8 w-24" />
          <Skeleton className="h-8 w-20" />
        </div>
      </div>
    </div>
  );
}
