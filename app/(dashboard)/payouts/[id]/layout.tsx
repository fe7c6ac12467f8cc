import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { recordExists } from "@/lib/records/record-exists.ts";

// The existence check of /payouts/<id>, outside the page's loading boundary so notFound() sets 404.
export default async function PayoutLayout(props: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requireUser();
  if (!(await recordExists(db().prisma, "payout", (await props.params).id))) notFound();
  return props.children;
}
