import { DETAIL_LINK_CLASS } from "@/components/cell-text.tsx";
import { Fact } from "@/components/fact.tsx";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryAttemptsTable } from "@/components/delivery-attempts-table.tsx";
import { ChangesTable } from "@/components/changes-table.tsx";
import { JsonView } from "@/components/json-view.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { getEvent, type TouchedRecord } from "@/lib/events/get-event.ts";
import { OutcomeBadge } from "@/components/outcome-badge.tsx";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: `Event ${(await props.params).id}` };
}

/** Where each touched record is shown: its page, or its list searched for it; campaigns and promotions as text. */
const RECORD_HREF: Partial<Record<TouchedRecord["type"], (id: string) => string>> = {
  promoter: (id) => `/promoters/${id}`,
  lead: (id) => `/leads/${id}`,
  fulfilment: (id) => `/fulfilments/${id}`,
  payout: (id) => `/payouts/${id}`,
  reward: (id) => `/rewards?q=${id}`,
};

export default async function EventPage(props: Props) {
  await requireUser();
  const detail = await getEvent(db().prisma, (await props.params).id);
  if (!detail) notFound();
  const { event, touched, deliveries, changes } = detail;

  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <div className="space-y-3">
        <Link href="/events" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="size-4" aria-hidden /> Events
        </Link>
        <header className="flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-2xl font-semibold tracking-tight">{event.type}</h1>
          <OutcomeBadge outcome={event.status} />
          <span className="rounded border px-1.5 py-0.5 font-mono text-xs text-muted-foreground">{event.format}</span>
        </header>
      </div>

      <Card>
        <CardContent>
          <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
            <Fact label="Event id">
              <span className="font-mono tabular-nums">{event.externalId}</span>
            </Fact>
            <Fact label="Format">
              {event.format === "v2" ? `v2 (entity: ${event.entityType ?? "not given"})` : "v1"}
            </Fact>
            <Fact label="Ledger id">
              <span className="font-mono tabular-nums">{event.id}</span>
            </Fact>
            <Fact label={event.format === "v2" ? "Occurred (FirstPromoter's timestamp)" : "Occurred (FirstPromoter's created_at)"}>
              <LocalTime value={event.occurredAt} />
            </Fact>
            <Fact label="Received">
              <LocalTime value={event.receivedAt} />
            </Fact>
            <Fact label="Outcome">{outcomeText(event.status)}</Fact>
            {event.error && (
              <Fact label="Error" className="sm:col-span-2 lg:col-span-3">
                <span className="font-mono break-words whitespace-pre-wrap text-destructive">{event.error}</span>
              </Fact>
            )}
          </dl>
        </CardContent>
      </Card>

      {/* grid-cols-1 (minmax(0, 1fr)): a card is never wider than the page; its table scrolls inside it. */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>What it touched</CardTitle>
            <CardDescription>The records this event created or updated, and which of their current values it set.</CardDescription>
          </CardHeader>
          <CardContent>
            {touched.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                {event.status === "processed" ? "No records." : `Nothing: ${event.status} events are stored but not projected.`}
              </p>
            ) : (
              <ul className="space-y-2.5 text-sm">
                {touched.map((r) => (
                  <li key={`${r.type}:${r.id}`}>
                    <div className="grid grid-cols-[5rem_minmax(0,1fr)] items-baseline gap-x-2">
                      <span className="text-muted-foreground">{r.type}</span>
                      <span className="flex min-w-0 items-baseline gap-2">
                      {RECORD_HREF[r.type] ? (
                        <Link href={RECORD_HREF[r.type]?.(r.id) ?? "#"} className={`font-mono tabular-nums ${DETAIL_LINK_CLASS}`}>
                          {r.id}
                        </Link>
                      ) : (
                        <span className="font-mono tabular-nums">{r.id}</span>
                      )}
                        {r.label && (
                          <span className="min-w-0 truncate text-muted-foreground" title={r.label}>
                            {r.label}
                          </span>
                        )}
                      </span>
                    </div>
                    <p className="pl-22 text-xs text-muted-foreground">{currentFieldsText(r.currentFields)}</p>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card className="lg:col-span-3">
          <CardHeader>
            <CardTitle>Delivery attempts</CardTitle>
            <CardDescription>Every POST that carried this event, and what Ledger answered.</CardDescription>
          </CardHeader>
          <CardContent>
            <DeliveryAttemptsTable deliveries={deliveries} label="Delivery attempts" />
          </CardContent>
        </Card>
      </div>

      {event.format === "v2" && (
        <Card>
          <CardHeader>
            <CardTitle>Changes</CardTitle>
            <CardDescription>What FirstPromoter says this event changed, before → after (its <code className="font-mono">changes</code>).</CardDescription>
          </CardHeader>
          <CardContent>
            <ChangesTable changes={changes} label={`Changes in event ${event.externalId}`} />
          </CardContent>
        </Card>
      )}

      <section aria-labelledby="payload" className="space-y-2">
        <h2 id="payload" className="text-lg font-medium">
          Stored JSON
        </h2>
        <p className="text-sm text-muted-foreground">
          The body as received, credentials removed. Stored as jsonb, so keys may be in a different order than FirstPromoter sent them.
        </p>
        <JsonView value={event.payload} label={`Stored JSON of event ${event.externalId}`} />
      </section>
    </main>
  );
}


function outcomeText(status: string): string {
  if (status === "processed") return "Validated and projected";
  if (status === "ignored") return "Unknown type: stored, not projected";
  return "Data failed its schema: stored with the error, not projected";
}

function currentFieldsText(fields: string[] | null): string {
  if (fields === null) return "No longer stored.";
  if (fields.length === 0) return "Every value has been updated by a newer event since.";
  return `Current values from this event: ${fields.join(", ")}`;
}
