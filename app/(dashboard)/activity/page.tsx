import type { Metadata } from "next";
import { LocalTime } from "@/components/local-time.tsx";
import { PageHeader } from "@/components/page-header.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  await requireUser();
  const rows = await db().prisma.auditLog.findMany({ orderBy: { at: "desc" }, take: 100 });
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <PageHeader title="Activity" description="The audit log: sign-ins, user changes and approvals, newest first (latest 100)." />
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed p-8 text-center text-sm text-muted-foreground">Nothing recorded yet.</div>
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Who</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Target</TableHead>
                <TableHead>Change</TableHead>
                <TableHead>IP</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={String(r.id)}>
                  <TableCell className="whitespace-nowrap"><LocalTime value={r.at} /></TableCell>
                  <TableCell>{r.actorEmail ?? <span className="text-muted-foreground">anonymous</span>}</TableCell>
                  <TableCell className="font-mono text-xs">{r.action}</TableCell>
                  <TableCell className="text-xs">{r.targetType ? `${r.targetType} ${r.targetId ?? ""}` : "—"}</TableCell>
                  <TableCell className="max-w-xs truncate font-mono text-xs" title={JSON.stringify({ before: r.before, after: r.after })}>
                    {r.before || r.after ? `${r.before ? JSON.stringify(r.before) : "∅"} → ${r.after ? JSON.stringify(r.after) : "∅"}` : "—"}
                  </TableCell>
                  <TableCell className="font-mono text-xs">{r.ip ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </main>
  );
}
