import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { PageHeader } from "@/components/page-header.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { urlDefaults } from "@/lib/data-table/parsers.ts";
import { db } from "@/lib/db/index.ts";
import { exportColumnOptions } from "@/lib/export/columns.ts";
import { listDeliveries } from "@/lib/events/list-deliveries.ts";
import { listDeliveryFacets } from "@/lib/events/list-delivery-facets.ts";
import { deliveriesSearchSpec, parseDeliveriesSearch } from "@/lib/events/search-params.ts";
import { EventsTabs } from "../../_components/events-tabs.tsx";
import { DeliveriesTable } from "./_components/deliveries-table.tsx";

export const metadata: Metadata = { title: "Deliveries" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeliveriesPage(props: Props) {
  await requireUser();
  const search = parseDeliveriesSearch(await props.searchParams);
  const prisma = db().prisma;
  const promises = Promise.all([listDeliveries(prisma, search), listDeliveryFacets(prisma, search.filters.status_code)]);
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6">
      <PageHeader title="Events" description="Every POST FirstPromoter made to the webhook, including the ones Ledger refused, and why." />
      <EventsTabs active="deliveries" />
      <Suspense fallback={<DataTableSkeleton columnCount={6} filterCount={2} withSearch={false} cellWidths={["w-36", "w-12", "w-20", "w-20", "w-24", "w-48"]} />}>
        <DeliveriesTable promises={promises} search={search} defaults={urlDefaults(deliveriesSearchSpec)} exportColumns={exportColumnOptions("deliveries")} />
      </Suspense>
    </main>
  );
}
