import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { parseEventId } from "@/lib/events/get-event.ts";

// The existence check of /events/deliveries/<id>, outside any loading boundary, so an unknown id is a real 404.
export default async function DeliveryLayout(props: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requireUser();
  const id = parseEventId((await props.params).id);
  if (id === null || !(await db().prisma.webhookDelivery.findUnique({ where: { id }, select: { id: true } }))) notFound();
  return props.children;
}
