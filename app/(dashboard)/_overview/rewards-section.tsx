import Link from "next/link";
import { db } from "@/lib/db/index.ts";
import { formatAmount } from "@/lib/format/amount.ts";
import { getRewardsByUnit } from "@/lib/overview/get-rewards-by-unit.ts";
import type { OverviewQuery } from "@/lib/overview/period-window.ts";
import { ledgerCurrency } from "@/lib/format/amount.ts";
import { statusColor, statusLabel, unitLabel } from "./format.ts";
import { type RewardBar, RewardsChart, type RewardSeries } from "./rewards-chart.tsx";

/**
 * Rewards created in the period per unit: a stacked bar per unit (count by status) and the exact
 * amounts, formatted here on the server from Postgres's decimal strings (cash cents as currency).
 */
export async function RewardsSection({ q }: { q: OverviewQuery }) {
  const { units, range } = await getRewardsByUnit(db().prisma, q);
  if (units.length === 0 || !range) {
    return <p className="py-10 text-center text-sm text-muted-foreground">No rewards were created in this period.</p>;
  }
  const currency = ledgerCurrency();
  const amount = (value: string, unit: string) => formatAmount(value, unit || null);
  const created = `${range.from},${range.to}`;
  const rewardsHref = (unit: string, status?: string) => {
    const p = new URLSearchParams({ created_at: created });
    if (unit) p.set("unit", unit);
    if (status) p.set("status", status);
    return `/rewards?${p}`;
  };

  // Statuses across all units, most common first, as chart series with safe keys.
  const counts = new Map<string, number>();
  for (const u of units) for (const s of u.statuses) counts.set(s.status, (counts.get(s.status) ?? 0) + s.count);
  const statuses = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s);
  const series: RewardSeries[] = statuses.map((s, i) => ({ key: `s${i}`, label: statusLabel(s), color: statusColor(s, i) }));
  const keyOf = new Map(statuses.map((s, i) => [s, `s${i}`]));
  const bars: RewardBar[] = units.map((u) => {
    const bar: RewardBar = { unit: unitLabel(u.unit), amounts: {} };
    for (const s of u.statuses) {
      const key = keyOf.get(s.status) as string;
      bar[key] = s.count;
      bar.amounts[key] = amount(s.amount, u.unit);
    }
    return bar;
  });

  return (
    <div className="space-y-5">
      <RewardsChart data={bars} series={series} />
      <ul className="divide-y">
        {units.map((u) => (
          <li key={u.unit} className="py-3 first:pt-0 last:pb-0">
            <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
              <Link href={rewardsHref(u.unit)} className="font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50">
                {unitLabel(u.unit)}
                {u.unit === "cash" && <span className="font-normal text-muted-foreground"> ({currency})</span>}
              </Link>
              <span className="text-sm text-muted-foreground tabular-nums">
                {u.count.toLocaleString()} {u.count === 1 ? "reward" : "rewards"} ·{" "}
                <span className="font-semibold text-foreground">{amount(u.amount, u.unit)}</span>
              </span>
            </div>
            <ul className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {u.statuses.map((s) => {
                const i = statuses.indexOf(s.status);
                const body = (
                  <>
                    <span aria-hidden className="size-2 shrink-0 rounded-[2px]" style={{ backgroundColor: statusColor(s.status, i) }} />
                    <span>{statusLabel(s.status)}</span>
                    <span className="text-muted-foreground tabular-nums">
                      {s.count.toLocaleString()} · {amount(s.amount, u.unit)}
                    </span>
                  </>
                );
                return (
                  <li key={s.status}>
                    {u.unit && s.status ? (
                      <Link
                        href={rewardsHref(u.unit, s.status)}
                        className="inline-flex items-center gap-1.5 rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
                      >
                        {body}
                      </Link>
                    ) : (
                      <span className="inline-flex items-center gap-1.5">{body}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
