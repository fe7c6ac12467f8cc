import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { PageHeader } from "@/components/page-header.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { urlDefaults } from "@/lib/data-table/parsers.ts";
import { db } from "@/lib/db/index.ts";
import { exportColumnOptions } from "@/lib/export/columns.ts";
import { listPromoterFacets } from "@/lib/promoters/list-promoter-facets.ts";
import { listPromoters } from "@/lib/promoters/list-promoters.ts";
import { parsePromotersSearch, promotersSearchSpec } from "@/lib/promoters/search-params.ts";
import { PROMOTERS_SKELETON } from "../_components/promoters-skeleton.ts";
import { PromotersTable } from "../_components/promoters-table.tsx";

export const metadata: Metadata = { title: "Promoters" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PromotersPage(props: Props) {
  await requireUser();
  const search = parsePromotersSearch(await props.searchParams);
  const prisma = db().prisma;
  // Started here, awaited in the client table: the header renders at once, the rows stream in; a
  // failed query rejects the promise and reaches error.tsx (never an empty table).
  const promises = Promise.all([listPromoters(prisma, search), listPromoterFacets(prisma, search.filters)]);
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-4 md:p-6">
      <PageHeader title="Promoters" description="Every affiliate FirstPromoter told Ledger about, with what they have earned, are owed and were paid." />
      <Suspense fallback={<DataTableSkeleton {...PROMOTERS_SKELETON} />}>
        <PromotersTable promises={promises} search={search} defaults={urlDefaults(promotersSearchSpec)} exportColumns={exportColumnOptions("promoters")} />
      </Suspense>
    </main>
  );
}
