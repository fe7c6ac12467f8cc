"use client";

import type * as React from "react";
import { ChevronLeft, ChevronRight, Loader2 } from "lucide-react";
import { Button } from "@/components/ui/button.tsx";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select.tsx";
import type { DataTableController } from "@/hooks/use-data-table.ts";
import { useHydrated } from "@/hooks/use-hydrated.ts";
import { formatCount, formatTotal } from "@/lib/data-table/format.ts";

type Props<TData extends Record<string, unknown>> = {
  dataTable: DataTableController<TData>;
  /** Singular and plural of what the rows are, for the total ("about 1.2M events"). */
  noun?: [one: string, other: string];
};

/**
 * Keyset pagination: Previous / Next (no page numbers: there is no cheap "page 734 of 9,000"),
 * the page size, and the total as the server could afford it (exact, estimated or capped).
 */
export function DataTablePagination<TData extends Record<string, unknown>>({ dataTable, noun = ["row", "rows"] }: Props<TData>) {
  const { pager, table, isPending } = dataTable;
  const locale = useHydrated() ? undefined : "en-US";
  const selected = Object.keys(table.state.rowSelection).length;
  const title = pager.total.exact
    ? undefined
    : pager.total.capped
      ? "Counting stops here to keep the page fast; narrow the filters for an exact number"
      : "Estimated from the database statistics";
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 px-1 text-sm">
      <div className="flex items-center gap-2 text-muted-foreground" aria-live="polite">
        <span title={title}>{formatTotal(pager.total, noun, locale)}</span>
        {selected > 0 && <span className="text-foreground">· {formatCount(selected, locale)} selected</span>}
        {isPending && <Loader2 className="size-4 animate-spin" aria-label="Loading" />}
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex items-center gap-2">
          <span id="per-page-label" className="whitespace-nowrap text-muted-foreground">
            Rows per page
          </span>
          <Select value={String(pager.perPage)} onValueChange={(v) => pager.setPerPage(Number(v))}>
            <SelectTrigger size="sm" className="w-[4.5rem]" aria-labelledby="per-page-label">
              <SelectValue />
            </SelectTrigger>
            <SelectContent side="top">
              {pager.perPageOptions.map((n) => (
                <SelectItem key={n} value={String(n)}>
                  {n}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="flex items-center gap-2">
          <PageLink href={pager.prevHref} go={pager.go} rel="prev">
            <ChevronLeft aria-hidden />
            Previous
          </PageLink>
          <PageLink href={pager.nextHref} go={pager.go} rel="next">
            Next
            <ChevronRight aria-hidden />
          </PageLink>
        </div>
      </div>
    </nav>
  );
}

function PageLink({ href, go, rel, children }: { href: string | null; go: (href: string) => void; rel: string; children: React.ReactNode }) {
  if (href === null) {
    return (
      <Button variant="outline" size="sm" disabled>
        {children}
      </Button>
    );
  }
  const onClick = (e: React.MouseEvent<HTMLAnchorElement>) => {
    // Modified clicks (new tab/window) keep the browser's behaviour.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(href);
  };
  return (
    <Button variant="outline" size="sm" asChild>
      <a href={href} rel={rel} onClick={onClick}>
        {children}
      </a>
    </Button>
  );
}
