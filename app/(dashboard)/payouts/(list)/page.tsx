import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { PageHeader } from "@/components/page-header.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { urlDefaults } from "@/lib/data-table/parsers.ts";
import { db } from "@/lib/db/index.ts";
import { exportColumnOptions } from "@/lib/export/columns.ts";
import { listPayoutFacets } from "@/lib/payouts/list-payout-facets.ts";
import { listPayouts } from "@/lib/payouts/list-payouts.ts";
import { parsePayoutsSearch, payoutsSearchSpec } from "@/lib/payouts/search-params.ts";
import { PayoutsTable } from "../_components/payouts-table.tsx";

// /payouts: FirstPromoter's payouts (v2 webhooks), filtered and sorted from the URL (lib/payouts/search-params.ts).

export const metadata: Metadata = { title: "Payouts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAYOUTS_SKELETON = { columnCount: 7, filterCount: 3, cellWidths: ["w-16", "w-20", "w-20", "w-32", "w-40", "w-10", "w-36"] };

export default async function PayoutsPage(props: Props) {
  await requireUser();
  const search = parsePayoutsSearch(await props.searchParams);
  const prisma = db().prisma;
  const promises = Promise.all([listPayouts(prisma, search), listPayoutFacets(prisma, search.filters)]);
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6">
      <PageHeader
        title="Payouts"
        description="What FirstPromoter paid or is paying each promoter, per period, with the commissions in each. From v2 webhooks (v1 sends no payouts Ledger projects)."
      />
      <Suspense fallback={<DataTableSkeleton {...PAYOUTS_SKELETON} />}>
        <PayoutsTable promises={promises} search={search} defaults={urlDefaults(payoutsSearchSpec)} exportColumns={exportColumnOptions("payouts")} />
      </Suspense>
    </main>
  );
}
