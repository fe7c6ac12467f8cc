import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { recordExists } from "@/lib/records/record-exists.ts";

// The existence check of /promoters/<id>, here rather than only in the page: this layout renders
// outside the page's loading.tsx boundary, so notFound() still sets the status (404). Thrown from the
// page, after the skeleton has streamed, the not-found UI would arrive with a 200. (For the same
// reason the list's loading.tsx lives in the (list) group, where it does not wrap this route.)
export default async function PromoterLayout(props: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requireUser();
  if (!(await recordExists(db().prisma, "promoter", (await props.params).id))) notFound();
  return props.children;
}
