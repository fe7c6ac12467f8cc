import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { PageHeader } from "@/components/page-header.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { urlDefaults } from "@/lib/data-table/parsers.ts";
import { db } from "@/lib/db/index.ts";
import { exportColumnOptions } from "@/lib/export/columns.ts";
import { listRewardFacets } from "@/lib/rewards/list-reward-facets.ts";
import { listRewards } from "@/lib/rewards/list-rewards.ts";
import { parseRewardsSearch, rewardsSearchSpec } from "@/lib/rewards/search-params.ts";
import { RewardsTable } from "./_components/rewards-table.tsx";

// /rewards: what promoters earned, filtered and sorted from the URL (lib/rewards/search-params.ts).

export const metadata: Metadata = { title: "Rewards" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SKELETON = { columnCount: 7, filterCount: 3, cellWidths: ["w-20", "w-20", "w-20", "w-8", "w-40", "w-32", "w-36"] };

export default async function RewardsPage(props: Props) {
  await requireUser();
  const search = parseRewardsSearch(await props.searchParams);
  const prisma = db().prisma;
  // Started here, awaited in the client table: the header renders at once, the rows stream in; a
  // failed query rejects the promise and reaches error.tsx (never an empty table).
  const promises = Promise.all([listRewards(prisma, search), listRewardFacets(prisma, search.filters)]);
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6">
      <PageHeader title="Rewards" description="What promoters earned for each conversion, as FirstPromoter reported it." />
      <Suspense fallback={<DataTableSkeleton {...SKELETON} />}>
        <RewardsTable promises={promises} search={search} defaults={urlDefaults(rewardsSearchSpec)} exportColumns={exportColumnOptions("rewards")} />
      </Suspense>
    </main>
  );
}
