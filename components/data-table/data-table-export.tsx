"use client";

import { Download } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Checkbox } from "@/components/ui/checkbox.tsx";
import { Label } from "@/components/ui/label.tsx";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover.tsx";

export type ExportColumnChoice = { id: string; label: string; selected: boolean };

/**
 * "Export CSV": pick columns, then download the whole filtered list (not just this page) in the
 * page's order from /api/export/<entity>, which streams it and records the export in the audit log.
 */
export function DataTableExport({ entity, columns }: { entity: string; columns: ExportColumnChoice[] }) {
  const params = useSearchParams();
  const [picked, setPicked] = useState(() => new Set(columns.filter((c) => c.selected).map((c) => c.id)));
  const id = useId();
  const query = new URLSearchParams(params);
  query.delete("cursor");
  query.delete("perPage");
  query.set("columns", columns.filter((c) => picked.has(c.id)).map((c) => c.id).join(","));
  const href = `/api/export/${entity}?${query.toString()}`;
  const toggle = (col: string, on: boolean) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(col);
      else next.delete(col);
      return next;
    });

  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm">
          <Download aria-hidden />
          Export
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-64 space-y-3">
        <div className="space-y-1">
          <p className="text-sm font-medium">Export CSV</p>
          <p className="text-xs text-muted-foreground">Every row matching the current filters, in this order. Exports are recorded in Activity.</p>
        </div>
        <fieldset className="space-y-2">
          <legend className="mb-1 text-xs font-medium text-muted-foreground">Columns</legend>
          {columns.map((c) => (
            <div key={c.id} className="flex items-center gap-2">
              <Checkbox id={`${id}-${c.id}`} checked={picked.has(c.id)} onCheckedChange={(v) => toggle(c.id, v === true)} />
              <Label htmlFor={`${id}-${c.id}`} className="text-sm font-normal">
                {c.label}
              </Label>
            </div>
          ))}
        </fieldset>
        {picked.size === 0 ? (
          <Button size="sm" className="w-full" disabled>
            Pick at least one column
          </Button>
        ) : (
          <Button size="sm" className="w-full" asChild>
            <a href={href} download>
              <Download aria-hidden />
              Download CSV
            </a>
          </Button>
        )}
      </PopoverContent>
    </Popover>
  );
}
