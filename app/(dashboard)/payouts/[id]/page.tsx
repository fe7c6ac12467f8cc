import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Amount } from "@/components/amount.tsx";
import { changePairs } from "@/components/changes-table.tsx";
import { DETAIL_LINK_CLASS, EmptyValue, LINK_CLASS } from "@/components/cell-text.tsx";
import { Fact } from "@/components/fact.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { SYNC_LABELS } from "@/lib/fulfilments/sync-state.ts";
import { getPayout } from "@/lib/payouts/get-payout.ts";
import { PayoutStatusBadge } from "../_components/payout-status-badge.tsx";

// /payouts/<id>: one FirstPromoter payout, its commissions (payout.commissions.*) and the v2 events
// that told Ledger about it, each with what it changed.

type Props = { params: Promise<{ id: string }> };

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: `Payout ${(await props.params).id}` };
}

export default async function PayoutPage(props: Props) {
  await requireUser();
  const detail = await getPayout(db().prisma, (await props.params).id);
  if (!detail) notFound();
  const { payout: p, promoter, campaign, commissions, commissionsCut, events } = detail;
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <div className="space-y-3">
        <Link href="/payouts" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="size-4" aria-hidden /> Payouts
        </Link>
        <header className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">
            Payout <span className="font-mono tabular-nums">{p.id}</span>
          </h1>
          <PayoutStatusBadge status={p.status} />
          {p.deleted && (
            <Badge variant="outline" className="text-muted-foreground">
              deleted in FirstPromoter
            </Badge>
          )}
        </header>
      </div>

      <Card>
        <CardContent>
          <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
            <Fact label="Amount">
              <Amount value={p.amount} unit={p.unit} className="text-base font-medium tabular-nums" />
            </Fact>
            <Fact label="Total incl. tax">
              <Amount value={p.totalInclTax} unit={p.unit} />
            </Fact>
            <Fact label="Promoter">
              {promoter ? (
                <>
                  <Link href={`/promoters/${promoter.id}`} className={DETAIL_LINK_CLASS}>
                    {promoter.name ?? promoter.email ?? `Promoter ${promoter.id}`}
                  </Link>
                  {promoter.name && promoter.email && <span className="block text-xs text-muted-foreground">{promoter.email}</span>}
                </>
              ) : (
                <EmptyValue />
              )}
            </Fact>
            <Fact label="Period">
              {p.periodStart || p.periodEnd ? (
                <>
                  <LocalTime value={p.periodStart} dateOnly /> – <LocalTime value={p.periodEnd} dateOnly />
                </>
              ) : (
                <EmptyValue />
              )}
            </Fact>
            <Fact label="Paid">
              <LocalTime value={p.paidAt} />
            </Fact>
            <Fact label="Campaign">{campaign ? (campaign.name ?? `Campaign ${campaign.id}`) : <EmptyValue />}</Fact>
            {p.failedAt && (
              <Fact label="Failed">
                <LocalTime value={p.failedAt} />
              </Fact>
            )}
            {p.error && <Fact label="Error">{p.error}</Fact>}
            <Fact label="Payments batch">{p.paymentsBatchId ? <span className="font-mono">{p.paymentsBatchId}</span> : <EmptyValue />}</Fact>
            <Fact label="Created in FirstPromoter">
              <LocalTime value={p.fpCreatedAt} />
            </Fact>
          </dl>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Commissions</CardTitle>
          <CardDescription>
            Linked by FirstPromoter&apos;s <code className="font-mono">payout.commissions.*</code> events. A non-monetary one is fulfilled when this
            payout completes.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {commissions.length === 0 ? (
            <p className="text-sm text-muted-foreground">No commission linked yet.</p>
          ) : (
            <div className="overflow-x-auto rounded-md border">
              <Table aria-label="Commissions in this payout">
                <TableHeader>
                  <TableRow>
                    <TableHead>Commission</TableHead>
                    <TableHead>Status</TableHead>
                    <TableHead className="text-right">Amount</TableHead>
                    <TableHead>Lead</TableHead>
                    <TableHead>Review queue</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {commissions.map((c) => (
                    <TableRow key={c.id} className={c.linkDeleted ? "text-muted-foreground line-through" : undefined}>
                      <TableCell className="font-mono text-xs tabular-nums">
                        <Link href={`/rewards?q=${c.id}`} className={LINK_CLASS}>
                          {c.id}
                        </Link>
                        {c.linkDeleted && <span className="ml-2 no-underline">(removed)</span>}
                      </TableCell>
                      <TableCell>{c.status ?? <EmptyValue />}</TableCell>
                      <TableCell className="text-right">
                        <Amount value={c.amount} unit={c.unit} />
                      </TableCell>
                      <TableCell>
                        {c.leadId ? (
                          <Link href={`/leads/${c.leadId}`} className={LINK_CLASS}>
                            {c.leadEmail ?? `Lead ${c.leadId}`}
                          </Link>
                        ) : (
                          <EmptyValue />
                        )}
                      </TableCell>
                      <TableCell>
                        {c.fulfilmentSync ? (
                          <Link href={`/fulfilments/${c.id}`} className={LINK_CLASS}>
                            {(SYNC_LABELS as Partial<Record<string, string>>)[c.fulfilmentSync] ?? c.fulfilmentSync}
                          </Link>
                        ) : (
                          <EmptyValue />
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          {commissionsCut && <p className="mt-2 text-xs text-muted-foreground">The first {commissions.length} are shown.</p>}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Events</CardTitle>
          <CardDescription>The v2 webhooks that told Ledger about this payout, newest first.</CardDescription>
        </CardHeader>
        <CardContent>
          {events.length === 0 ? (
            <p className="text-sm text-muted-foreground">No events.</p>
          ) : (
            <ul className="divide-y text-sm">
              {events.map((e) => (
                <li key={e.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-2">
                  <Link href={`/events/${e.id}`} className={`font-mono text-xs ${LINK_CLASS}`}>
                    {e.type}
                  </Link>
                  <LocalTime value={e.occurredAt} />
                  <span className="text-muted-foreground">
                    {changePairs(e.changes)
                      .map((c) => `${c.field}: ${show(c.before)} → ${show(c.after)}`)
                      .join("; ")}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
