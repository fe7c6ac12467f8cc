import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";

export const metadata: Metadata = { title: "Rewards" };

export default async function RewardsPage() {
  await requireUser();
  const count = await db().prisma.reward.count();
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <PageHeader title="Rewards" description={`${count.toLocaleString()} stored`} />
      <div className="rounded-lg border border-dashed p-8 text-center text-sm text-muted-foreground">
        The rewards list with filters, sorting and search is not built yet.
      </div>
    </main>
  );
}
