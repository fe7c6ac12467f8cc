import type { Metadata } from "next";
import { LocalTime } from "@/components/local-time.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { getEventOverview } from "@/lib/events/queries/get-event-overview.ts";

export const metadata: Metadata = { title: "Overview" };

const statusStyle: Record<string, string> = {
  processed: "bg-success/15 text-success",
  ignored: "bg-muted text-muted-foreground",
  failed: "bg-destructive/15 text-destructive",
};

export default async function OverviewPage() {
  await requireUser();
  const { types, recent, rejectedDeliveries } = await getEventOverview(db().prisma);
  const total = types.reduce((n, t) => n + t.total, 0);

  return (
    <main className="mx-auto max-w-6xl space-y-8 p-4 md:p-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="text-sm text-muted-foreground">
          {total.toLocaleString()} FirstPromoter events stored
          {rejectedDeliveries > 0 ? ` · ${rejectedDeliveries.toLocaleString()} deliveries rejected` : ""}
        </p>
      </header>

      <section aria-labelledby="by-type">
        <h2 id="by-type" className="mb-3 text-lg font-medium">Events by type</h2>
        {types.length === 0 ? (
          <EmptyState />
        ) : (
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {types.map((t) => (
              <li key={t.type} className="rounded-[var(--radius)] border border-border bg-card p-4">
                <div className="font-mono text-sm text-muted-foreground">{t.type}</div>
                <div className="text-2xl font-semibold tabular-nums">{t.total.toLocaleString()}</div>
                {(t.failed > 0 || t.ignored > 0) && (
                  <div className="text-xs text-muted-foreground">
                    {t.failed > 0 && <span className="text-destructive">{t.failed.toLocaleString()} failed </span>}
                    {t.ignored > 0 && <span>{t.ignored.toLocaleString()} ignored (unknown type)</span>}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="latest">
        <h2 id="latest" className="mb-3 text-lg font-medium">Latest events</h2>
        {recent.length === 0 ? (
          <EmptyState />
        ) : (
          <div className="overflow-x-auto rounded-[var(--radius)] border border-border">
            <table className="w-full text-sm">
              <thead className="bg-muted text-left text-muted-foreground">
                <tr>
                  <th className="px-3 py-2 font-medium">Type</th>
                  <th className="px-3 py-2 font-medium">Event id</th>
                  <th className="px-3 py-2 font-medium">Outcome</th>
                  <th className="px-3 py-2 font-medium">Occurred</th>
                  <th className="px-3 py-2 font-medium">Received</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((e) => (
                  <tr key={String(e.id)} className="border-t border-border">
                    <td className="px-3 py-2 font-mono">{e.type}</td>
                    <td className="px-3 py-2 font-mono tabular-nums">{e.externalId}</td>
                    <td className="px-3 py-2">
                      <span className={`rounded px-1.5 py-0.5 text-xs ${statusStyle[e.status] ?? ""}`} title={e.error ?? undefined}>
                        {e.status}
                      </span>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap"><LocalTime value={e.occurredAt} /></td>
                    <td className="px-3 py-2 whitespace-nowrap"><LocalTime value={e.receivedAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}

function EmptyState() {
  return (
    <div className="rounded-[var(--radius)] border border-dashed border-border p-8 text-center text-sm text-muted-foreground">
      No events yet. Point FirstPromoter&apos;s webhook at <code className="font-mono">/api/webhooks/firstpromoter</code> (see the
      README), or run <code className="font-mono">npm run simulate</code>.
    </div>
  );
}
