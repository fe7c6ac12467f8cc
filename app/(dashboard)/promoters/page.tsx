import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";

export const metadata: Metadata = { title: "Promoters" };

export default async function PromotersPage() {
  await requireUser();
  const count = await db().prisma.promoter.count();
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <PageHeader title="Promoters" description={`${count.toLocaleString()} stored`} />
      <div className="rounded-lg border border-dashed p-8 text-center text-sm text-muted-foreground">
        The promoters list with filters, sorting and search is not built yet.
      </div>
    </main>
  );
}
