import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import Link from "next/link";
import { db } from "@/lib/db/index.ts";
import { getOverviewTotals, type MetricTotal } from "@/lib/overview/get-overview-totals.ts";
import { METRIC_KEYS, OVERVIEW_METRICS, type OverviewMetric } from "@/lib/overview/metrics.ts";
import type { OverviewQuery } from "@/lib/overview/period-window.ts";
import { OVERVIEW_PERIODS } from "@/lib/overview/search-params.ts";
import { cn } from "@/lib/utils.ts";

/** For cancellations more is worse; for the rest more is better. */
const MORE_IS_WORSE: Partial<Record<OverviewMetric, boolean>> = { cancellations: true };

const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
const signed = new Intl.NumberFormat(undefined, { signDisplay: "exceptZero" });

/** New leads, referrals, customers and cancellations in the period, each against the previous period. */
export async function TotalsSection({ q }: { q: OverviewQuery }) {
  const totals = await getOverviewTotals(db().prisma, q);
  const label = OVERVIEW_PERIODS[q.period].label;
  return (
    <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {METRIC_KEYS.map((key) => {
        const events = new URLSearchParams({ type: OVERVIEW_METRICS[key].type, outcome: "processed", occurred_at: `${totals.range.from},${totals.range.to}` });
        return (
          <li key={key}>
            <Link
              href={`/events?${events}`}
              className="block h-full rounded-xl border bg-card p-4 text-card-foreground shadow-sm transition-colors outline-none hover:bg-accent/50 focus-visible:ring-[3px] focus-visible:ring-ring/50"
            >
              <span className="flex items-center gap-2 text-sm text-muted-foreground">
                <span aria-hidden className="size-2.5 shrink-0 rounded-[2px]" style={{ backgroundColor: `var(--overview-${key})` }} />
                {OVERVIEW_METRICS[key].label}
              </span>
              <span className="mt-1 block text-2xl font-semibold tracking-tight tabular-nums sm:text-3xl">{totals[key].current.toLocaleString()}</span>
              <Delta total={totals[key]} worse={MORE_IS_WORSE[key] === true} period={label} />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function Delta({ total, worse, period }: { total: MetricTotal; worse: boolean; period: string }) {
  const diff = total.current - total.previous;
  const Icon = diff > 0 ? ArrowUpRight : diff < 0 ? ArrowDownRight : Minus;
  const good = diff === 0 ? null : diff > 0 !== worse;
  // Without a previous count a percentage means nothing: show the difference itself.
  const change = total.previous > 0 ? percent.format(diff / total.previous) : signed.format(diff);
  return (
    <span className="mt-1 flex flex-wrap items-center gap-x-1.5 text-xs text-muted-foreground">
      <span className={cn("inline-flex items-center gap-0.5 font-medium tabular-nums", good === true && "text-success", good === false && "text-destructive")}>
        <Icon className="size-3.5" aria-hidden />
        <span className="sr-only">{diff > 0 ? "up" : diff < 0 ? "down" : "unchanged"}</span>
        {diff === 0 ? "no change" : change}
      </span>
      <span>
        vs {total.previous.toLocaleString()} the {period} before
      </span>
    </span>
  );
}
