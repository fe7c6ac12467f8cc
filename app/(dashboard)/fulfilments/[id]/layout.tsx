import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { recordExists } from "@/lib/records/record-exists.ts";

// The existence check of /fulfilments/<id>, here rather than only in the page: this layout renders
// outside the page's loading.tsx boundary, so notFound() still sets the status (404). The queue's
// loading.tsx lives in the (list) group for the same reason: there it does not wrap this route.
export default async function FulfilmentLayout(props: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requireUser();
  if (!(await recordExists(db().prisma, "fulfilment", (await props.params).id))) notFound();
  return props.children;
}
