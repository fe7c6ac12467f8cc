import Link from "next/link";
import { db } from "@/lib/db/index.ts";
import { hasOverviewData } from "@/lib/overview/has-overview-data.ts";
import type { OverviewQuery } from "@/lib/overview/period-window.ts";
import { OVERVIEW_PERIODS } from "@/lib/overview/search-params.ts";
import { OverviewEmptyState } from "./empty-state.tsx";
import { PendingSection } from "./pending-section.tsx";
import { ReceivedSection } from "./received-section.tsx";
import { RewardsSection } from "./rewards-section.tsx";
import { BareSection, OverviewSection } from "./section.tsx";
import { ChartSkeleton, ListSkeleton, StatCardsSkeleton } from "./skeletons.tsx";
import { TotalsSection } from "./totals-section.tsx";
import { TrendSection } from "./trend-section.tsx";

const linkClass = "text-sm font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50";

/**
 * The overview's sections, each streaming on its own (Suspense + error boundary); or, before the
 * first webhook ever arrived, the explanation of how data gets here.
 */
export async function OverviewSections({ q, zoneNote }: { q: OverviewQuery; zoneNote: string }) {
  if (!(await hasOverviewData(db().prisma))) return <OverviewEmptyState />;
  const resetKey = `${q.period}:${q.timeZone}`;
  const period = OVERVIEW_PERIODS[q.period];
  const per = period.bucket === "week" ? "per week (Monday to Sunday)" : "per day";
  const Per = per.charAt(0).toUpperCase() + per.slice(1);
  return (
    <>
      <BareSection id="totals" title="Totals" resetKey={resetKey} fallback={<StatCardsSkeleton />}>
        <TotalsSection q={q} />
      </BareSection>

      <OverviewSection
        id="trend"
        title="Leads over time"
        description={`${Per}, ${zoneNote}.`}
        resetKey={resetKey}
        fallback={<ChartSkeleton />}
      >
        <TrendSection q={q} />
      </OverviewSection>

      <div className="grid gap-4 lg:grid-cols-5">
        <OverviewSection
          id="rewards"
          title="Rewards"
          description="Created in this period, per unit and status."
          action={
            <Link href="/rewards" className={linkClass}>
              All rewards
            </Link>
          }
          resetKey={resetKey}
          fallback={<ListSkeleton rows={4} />}
          className="lg:col-span-3"
        >
          <RewardsSection q={q} />
        </OverviewSection>

        <OverviewSection
          id="pending"
          title="Pending fulfilments"
          description="Awaiting review now, whatever the period."
          action={
            <Link href="/fulfilments" className={linkClass}>
              Review queue
            </Link>
          }
          resetKey={resetKey}
          fallback={<ListSkeleton rows={2} />}
          className="lg:col-span-2"
        >
          <PendingSection now={q.now} />
        </OverviewSection>
      </div>

      <OverviewSection
        id="received"
        title="Webhook deliveries"
        description={`New events and rejected deliveries by when they arrived; ${per}, ${zoneNote}.`}
        action={
          <Link href="/events/deliveries?outcome=rejected" className={linkClass}>
            Rejected deliveries
          </Link>
        }
        resetKey={resetKey}
        fallback={<ChartSkeleton />}
      >
        <ReceivedSection q={q} />
      </OverviewSection>
    </>
  );
}
