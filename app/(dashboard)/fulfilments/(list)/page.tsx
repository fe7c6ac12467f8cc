import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { PageHeader } from "@/components/page-header.tsx";
import { hasRole } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/auth/require-user.ts";
import { urlDefaults } from "@/lib/data-table/parsers.ts";
import { db } from "@/lib/db/index.ts";
import { exportColumnOptions } from "@/lib/export/columns.ts";
import { apiConfigFromEnv, isConnected } from "@/lib/firstpromoter-api/config.ts";
import { listFulfilmentFacets } from "@/lib/fulfilments/list-fulfilment-facets.ts";
import { listFulfilments } from "@/lib/fulfilments/list-fulfilments.ts";
import { fulfilmentsSearchSpec, parseFulfilmentsSearch } from "@/lib/fulfilments/search-params.ts";
import { FulfilmentsTable } from "../_components/fulfilments-table.tsx";

// /fulfilments: the review queue (pending, oldest first unless the URL says otherwise); admins get
// row selection and approve/hold/reject, viewers read only (the server action checks the role too).

export const metadata: Metadata = { title: "Fulfilments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SKELETON = { columnCount: 8, filterCount: 4, cellWidths: ["w-16", "w-28", "w-20", "w-20", "w-20", "w-36", "w-36", "w-6"] };

export default async function FulfilmentsPage(props: Props) {
  const user = await requireUser();
  const search = parseFulfilmentsSearch(await props.searchParams);
  const prisma = db().prisma;
  // Started here, awaited in the client table: the header renders at once, the rows stream in; a
  // failed query rejects the promise and reaches error.tsx (never an empty queue).
  const promises = Promise.all([listFulfilments(prisma, search), listFulfilmentFacets(prisma, search.filters)]);
  const canReview = hasRole(user.role, "admin");
  const config = apiConfigFromEnv();
  const setup = { connected: isConnected(config), sendDelayS: Math.round(config.sendDelayMs / 1000) };
  return (
    <main className="mx-auto max-w-7xl space-y-4 p-4 md:p-6">
      <PageHeader
        title="Fulfilments"
        description={
          setup.connected
            ? "The review queue. Approving tells FirstPromoter's API to mark the reward fulfilled (rejecting: to deny it); each row shows where that stands."
            : "The review queue. FirstPromoter's API is not connected: decisions are kept here, but nothing is sent to FirstPromoter until it is (Settings)."
        }
      />
      <Suspense fallback={<DataTableSkeleton {...SKELETON} />}>
        <FulfilmentsTable
          promises={promises}
          search={search}
          defaults={urlDefaults(fulfilmentsSearchSpec)}
          canReview={canReview}
          exportColumns={exportColumnOptions("fulfilments")}
          setup={setup}
          renderedAt={new Date().toISOString()}
        />
      </Suspense>
    </main>
  );
}
