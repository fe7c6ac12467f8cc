import Link from "next/link";
import { OVERVIEW_PERIODS, type OverviewPeriod, PERIOD_IDS, overviewHref } from "@/lib/overview/search-params.ts";
import { cn } from "@/lib/utils.ts";

/**
 * 7 days | 30 days | 90 days | 12 months: links, not client state, so each period is its own URL
 * (shareable, and the back button returns to the previous one).
 */
export function PeriodChooser({ active }: { active: OverviewPeriod }) {
  return (
    <nav aria-label="Period" className="inline-flex h-9 w-fit max-w-full items-center overflow-x-auto rounded-lg bg-muted p-[3px] text-muted-foreground">
      {PERIOD_IDS.map((id) => (
        <Link
          key={id}
          href={overviewHref(id)}
          scroll={false}
          aria-current={id === active ? "page" : undefined}
          className={cn(
            "inline-flex h-full items-center rounded-md border border-transparent px-3 text-sm font-medium whitespace-nowrap transition-colors outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
            id === active && "bg-background text-foreground shadow-sm dark:border-input dark:bg-input/30",
          )}
        >
          {OVERVIEW_PERIODS[id].label}
        </Link>
      ))}
    </nav>
  );
}
