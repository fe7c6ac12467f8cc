import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { recordExists } from "@/lib/records/record-exists.ts";

// The existence check of /events/deliveries/<id>, outside any loading boundary, so an unknown id is a real 404.
export default async function DeliveryLayout(props: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requireUser();
  if (!(await recordExists(db().prisma, "delivery", (await props.params).id))) notFound();
  return props.children;
}
