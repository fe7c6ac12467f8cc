import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton.tsx";
import { PageHeader } from "@/components/page-header.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { urlDefaults } from "@/lib/data-table/parsers.ts";
import { db } from "@/lib/db/index.ts";
import { exportColumnOptions } from "@/lib/export/columns.ts";
import { listLeadFacets } from "@/lib/leads/list-lead-facets.ts";
import { listLeads } from "@/lib/leads/list-leads.ts";
import { leadsSearchSpec, parseLeadsSearch } from "@/lib/leads/search-params.ts";
import { LeadsTable } from "../_components/leads-table.tsx";
import { LEADS_SKELETON } from "../_components/leads-skeleton.ts";

export const metadata: Metadata = { title: "Leads" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LeadsPage(props: Props) {
  await requireUser();
  const search = parseLeadsSearch(await props.searchParams);
  const prisma = db().prisma;
  // Started here, awaited in the client table: the header renders at once, the rows stream in; a
  // failed query rejects the promise and reaches error.tsx (never an empty table).
  const promises = Promise.all([listLeads(prisma, search), listLeadFacets(prisma, search.filters)]);
  return (
    <main className="mx-auto max-w-7xl space-y-4 p-4 md:p-6">
      <PageHeader title="Leads" description="Everyone a promoter referred: where they are in their life cycle, their plan and who referred them." />
      <Suspense fallback={<DataTableSkeleton {...LEADS_SKELETON} />}>
        <LeadsTable promises={promises} search={search} defaults={urlDefaults(leadsSearchSpec)} exportColumns={exportColumnOptions("leads")} />
      </Suspense>
    </main>
  );
}
