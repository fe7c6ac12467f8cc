import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { PageHeader } from "@/components/page-header.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { urlDefaults } from "@/lib/data-table/parsers.ts";
import { db } from "@/lib/db/index.ts";
import { exportColumnOptions } from "@/lib/export/columns.ts";
import { listEventFacets } from "@/lib/events/list-event-facets.ts";
import { listEvents } from "@/lib/events/list-events.ts";
import { eventsSearchSpec, parseEventsSearch } from "@/lib/events/search-params.ts";
import { EventsTable } from "../_components/events-table.tsx";
import { EventsTabs } from "../_components/events-tabs.tsx";

export const metadata: Metadata = { title: "Events" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EventsPage(props: Props) {
  await requireUser();
  const search = parseEventsSearch(await props.searchParams);
  const prisma = db().prisma;
  // Started here, awaited in the client table: the header renders at once, the rows stream in; a
  // failed query rejects the promise and reaches error.tsx (never an empty table).
  const promises = Promise.all([listEvents(prisma, search), listEventFacets(prisma, search.filters.type, search.filters.entity)]);
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6">
      <PageHeader title="Events" description="Every event FirstPromoter sent, as stored, with how Ledger handled it." />
      <EventsTabs active="events" />
      <Suspense fallback={<DataTableSkeleton columnCount={7} filterCount={5} cellWidths={["w-32", "w-10", "w-20", "w-20", "w-40", "w-36", "w-36"]} />}>
        <EventsTable promises={promises} search={search} defaults={urlDefaults(eventsSearchSpec)} exportColumns={exportColumnOptions("events")} />
      </Suspense>
    </main>
  );
}
