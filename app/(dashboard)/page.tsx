import type { Metadata } from "next";
import { cookies } from "next/headers";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import type { OverviewQuery } from "@/lib/overview/period-window.ts";
import { resolveTimeZone, type ViewerTimeZone } from "@/lib/overview/resolve-time-zone.ts";
import { OVERVIEW_PERIODS, parseOverviewSearch } from "@/lib/overview/search-params.ts";
import { TIME_ZONE_COOKIE } from "@/lib/overview/time-zone.ts";
import "./_overview/chart-theme.css";
import { OverviewSections } from "./_overview/overview-sections.tsx";
import { PeriodChooser } from "./_overview/period-chooser.tsx";
import { SectionBoundary } from "./_overview/section-error.tsx";
import { ChartSkeleton, ListSkeleton, StatCardsSkeleton } from "./_overview/skeletons.tsx";
import { TimeZoneCookie } from "./_overview/time-zone-cookie.tsx";

export const metadata: Metadata = { title: "Overview" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Which zone the days are counted in, and why, in words. */
function zoneNote(tz: ViewerTimeZone, cookie: string | undefined): { short: string; long: string } {
  if (tz.source === "browser") return { short: `in ${tz.zone}`, long: `Days run midnight to midnight in ${tz.zone}, your browser's time zone.` };
  const why = tz.rejected
    ? `your browser's time zone (“${tz.rejected}”) is not one this server knows`
    : cookie === undefined
      ? "your browser's time zone is not known yet (it is picked up once the page has loaded in a browser with JavaScript)"
      : "your browser's time zone is not known";
  return { short: "in UTC", long: `Days run midnight to midnight in UTC: ${why}.` };
}

export default async function OverviewPage(props: Props) {
  await requireUser();
  const { period } = parseOverviewSearch(await props.searchParams);
  const cookie = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  const tz = await resolveTimeZone(db().prisma, cookie);
  // One instant for every section, so the periods they show agree.
  const q: OverviewQuery = { period, timeZone: tz.zone, now: new Date() };
  const note = zoneNote(tz, cookie);
  const label = OVERVIEW_PERIODS[period].label;
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6">
      <TimeZoneCookie seen={cookie ?? null} />
      <PageHeader
        title="Overview"
        description={`The last ${label}, compared with the same stretch of the ${label} before.`}
        actions={<PeriodChooser active={period} />}
      />
      <p className="text-xs text-muted-foreground">{note.long}</p>
      <SectionBoundary key={`${period}:${tz.zone}`} title="The overview">
        <Suspense fallback={<OverviewSkeleton />}>
          <OverviewSections q={q} zoneNote={note.short} />
        </Suspense>
      </SectionBoundary>
    </main>
  );
}

function OverviewSkeleton() {
  return (
    <div className="space-y-4">
      <StatCardsSkeleton />
      <div className="rounded-xl border bg-card p-4 shadow-sm sm:p-6">
        <ChartSkeleton />
      </div>
      <div className="grid gap-4 lg:grid-cols-5">
        <div className="rounded-xl border bg-card p-4 shadow-sm sm:p-6 lg:col-span-3">
          <ListSkeleton rows={4} />
        </div>
        <div className="rounded-xl border bg-card p-4 shadow-sm sm:p-6 lg:col-span-2">
          <ListSkeleton rows={2} />
        </div>
      </div>
    </div>
  );
}
