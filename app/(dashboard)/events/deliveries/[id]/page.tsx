import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DETAIL_LINK_CLASS } from "@/components/cell-text.tsx";
import { Fact } from "@/components/fact.tsx";
import { JsonView } from "@/components/json-view.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { OutcomeBadge, StatusCodeBadge } from "@/components/outcome-badge.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { getDelivery } from "@/lib/events/get-delivery.ts";

// /events/deliveries/<id>: one POST to the webhook — what Ledger answered and why, and for a refused
// delivery the body as it arrived, so an event FirstPromoter will not send again is never lost.

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: `Delivery ${(await props.params).id}` };
}

export default async function DeliveryPage(props: Props) {
  await requireUser();
  const detail = await getDelivery(db().prisma, (await props.params).id);
  if (!detail) notFound();
  const { delivery: d, body } = detail;
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <div className="space-y-3">
        <Link href="/events/deliveries" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="size-4" aria-hidden /> Deliveries
        </Link>
        <header className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">
            Delivery <span className="font-mono tabular-nums">{d.id}</span>
          </h1>
          <StatusCodeBadge code={d.statusCode} />
          <OutcomeBadge outcome={d.outcome} />
        </header>
      </div>
      <Card>
        <CardContent>
          <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
            <Fact label="Received">
              <LocalTime value={d.receivedAt} />
            </Fact>
            <Fact label="Answered">
              {d.statusCode} {d.errorCode ? <span className="font-mono text-xs">({d.errorCode})</span> : null}
            </Fact>
            <Fact label="Why" className="sm:col-span-2">
              {d.reason ?? <span className="text-muted-foreground">accepted</span>}
            </Fact>
            <Fact label="Event id as sent">{d.externalEventId ? <span className="font-mono break-all">{d.externalEventId}</span> : "—"}</Fact>
            <Fact label="Event type as sent">{d.eventType ? <span className="font-mono break-all">{d.eventType}</span> : "—"}</Fact>
            <Fact label="Stored event">
              {d.eventId ? (
                <Link href={`/events/${d.eventId}`} className={DETAIL_LINK_CLASS}>
                  Event {d.eventId}
                </Link>
              ) : (
                "None: nothing of it was stored"
              )}
            </Fact>
            <Fact label="Body size">{d.bodyBytes === null ? "—" : `${d.bodyBytes.toLocaleString("en-US")} bytes`}</Fact>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Body as received</CardTitle>
          <CardDescription>
            Kept for refused deliveries (400, 413, 415, 422), up to the 1 MiB limit, credentials removed where it parsed as JSON. Once the cause is fixed,
            post this body to the webhook again (a 422 also stored its event as failed: <code className="font-mono text-xs">npm run replay -- --status failed</code>{" "}
            re-projects those).
          </CardDescription>
        </CardHeader>
        <CardContent>
          {body.kind === "none" && <p className="text-sm text-muted-foreground">No body kept: it was accepted (its event holds the payload), refused before authentication, or empty.</p>}
          {body.kind === "json" && <JsonView value={body.value} label={`Body of delivery ${d.id}`} />}
          {body.kind === "text" && (
            <div className="space-y-2">
              <p className="text-sm text-muted-foreground">
                Shown as text: {body.why}. {body.bytes.toLocaleString("en-US")} bytes{body.truncated ? "; the first 200,000 characters" : ""}.
              </p>
              <pre className="max-h-[32rem] overflow-auto rounded-md border bg-muted/30 p-3 font-mono text-xs break-all whitespace-pre-wrap">{body.text}</pre>
            </div>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
