import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { PageHeader } from "@/components/page-header.tsx";
import { listActivityFacets } from "@/lib/audit/list-audit-facets.ts";
import { listAudit } from "@/lib/audit/list-audit.ts";
import { activitySearchSpec, parseActivitySearch } from "@/lib/audit/search-params.ts";
import { requireUser } from "@/lib/auth/require-user.ts";
import { urlDefaults } from "@/lib/data-table/parsers.ts";
import { db } from "@/lib/db/index.ts";
import { exportColumnOptions } from "@/lib/export/columns.ts";
import { ActivityTable } from "./_components/activity-table.tsx";

export const metadata: Metadata = { title: "Activity" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SKELETON = ["w-36", "w-40", "w-28", "w-24", "w-48", "w-24"];

export default async function ActivityPage(props: Props) {
  await requireUser();
  const search = parseActivitySearch(await props.searchParams);
  const prisma = db().prisma;
  const promises = Promise.all([listAudit(prisma, search), listActivityFacets(prisma, search.filters)]);
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6">
      <PageHeader title="Activity" description="The audit log: sign-ins, user changes, fulfilment reviews and exports — who did what, and when." />
      <Suspense fallback={<DataTableSkeleton columnCount={6} filterCount={4} cellWidths={SKELETON} />}>
        <ActivityTable promises={promises} search={search} defaults={urlDefaults(activitySearchSpec)} exportColumns={exportColumnOptions("activity")} />
      </Suspense>
    </main>
  );
}
