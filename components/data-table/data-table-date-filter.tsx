"use client";

import type { Column } from "@tanstack/react-table";
import { CalendarIcon } from "lucide-react";
import { type SubmitEvent, useId, useState } from "react";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import { Label } from "@/components/ui/label.tsx";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover.tsx";
import { Separator } from "@/components/ui/separator.tsx";
import { useHydrated } from "@/hooks/use-hydrated.ts";
import type { DataTableFeatures } from "@/lib/data-table/features.ts";
import type { DateRange } from "@/lib/data-table/types.ts";

type Props<TData extends Record<string, unknown>, TValue> = { column: Column<DataTableFeatures, TData, TValue>; title: string };

const DAY_MS = 86_400_000;

/** "2026-01-05" (the viewer's calendar day) → local midnight in epoch ms. */
function dayStart(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isFinite(t) ? t : null;
}

function toDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * From/to calendar days in the viewer's time zone, kept as an instant range [from, to) in the URL
 * (`?<column>=fromMs,toMs`) so the server needs no time zone. Native date inputs: keyboard and
 * screen-reader friendly; Enter applies, Escape closes.
 */
export function DataTableDateFilter<TData extends Record<string, unknown>, TValue>({ column, title }: Props<TData, TValue>) {
  const id = useId();
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const value = (column.getFilterValue() as DateRange | undefined) ?? { from: null, to: null };
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const active = value.from !== null || value.to !== null;

  const onOpenChange = (next: boolean) => {
    if (next) {
      setFrom(value.from !== null ? toDay(value.from) : "");
      // The inclusive last day is the day before the exclusive end.
      setTo(value.to !== null ? toDay(value.to - 1) : "");
    }
    setOpen(next);
  };
  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    const start = from ? dayStart(from) : null;
    const lastDay = to ? dayStart(to) : null;
    // The day after the last one picked, at local midnight (DST-safe: re-derived from the calendar date).
    const end = lastDay !== null ? dayStart(toDay(lastDay + DAY_MS + 3 * 3_600_000)) : null;
    column.setFilterValue(start === null && end === null ? undefined : { from: start, to: end });
    setOpen(false);
  };
  const invalid = from !== "" && to !== "" && from > to;

  const fmt = (ms: number) => (hydrated ? new Date(ms).toLocaleDateString(undefined, { dateStyle: "medium" }) : toDay(ms));
  const label = !active ? null : `${value.from !== null ? fmt(value.from) : "…"} – ${value.to !== null ? fmt(value.to - 1) : "…"}`;

  return (
    <Popover open={open} onOpenChange={onOpenChange}>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm" className="border-dashed">
          <CalendarIcon aria-hidden />
          {title}
          {label && (
            <>
              <Separator orientation="vertical" className="mx-0.5 data-[orientation=vertical]:h-4" />
              <Badge variant="secondary" className="rounded-sm px-1 font-normal">
                {label}
              </Badge>
            </>
          )}
        </Button>
      </PopoverTrigger>
      <PopoverContent align="start" className="w-auto">
        <form onSubmit={apply} className="grid gap-3">
          <div className="grid grid-cols-2 gap-3">
            <div className="grid gap-1.5">
              <Label htmlFor={`${id}-from`}>From</Label>
              <Input id={`${id}-from`} type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} className="h-8" />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor={`${id}-to`}>To (inclusive)</Label>
              <Input id={`${id}-to`} type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} className="h-8" />
            </div>
          </div>
          {invalid && <p className="text-xs text-destructive">The start is after the end.</p>}
          <div className="flex justify-end gap-2">
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() => {
                column.setFilterValue(undefined);
                setOpen(false);
              }}
            >
              Clear
            </Button>
            <Button type="submit" size="sm" disabled={invalid}>
              Apply
            </Button>
          </div>
        </form>
      </PopoverContent>
    </Popover>
  );
}
