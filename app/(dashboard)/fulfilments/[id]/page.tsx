import { DETAIL_LINK_CLASS } from "@/components/cell-text.tsx";
import { Fact } from "@/components/fact.tsx";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Amount } from "@/components/amount.tsx";
import { JsonView } from "@/components/json-view.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { hasRole } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { getFulfilment } from "@/lib/fulfilments/get-fulfilment.ts";
import { DeliveryAttemptsTable } from "@/components/delivery-attempts-table.tsx";
import { AutoRefresh } from "@/components/auto-refresh.tsx";
import { apiConfigFromEnv, isConnected } from "@/lib/firstpromoter-api/config.ts";
import { TRANSIENT_SYNC_STATES } from "@/lib/fulfilments/sync-state.ts";
import { FulfilmentActions } from "../_components/fulfilment-actions.tsx";
import { CommandsTable } from "../_components/commands-table.tsx";
import { ReviewStatusBadge } from "../_components/review-status-badge.tsx";
import { SyncStateCell } from "../_components/sync-state-cell.tsx";

// /fulfilments/<id>: one fulfilment, where it stands with FirstPromoter and what to do, its
// deliveries and review history; admins can review it here too.

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: `Fulfilment ${(await props.params).id}` };
}

export default async function FulfilmentPage(props: Props) {
  const user = await requireUser();
  const detail = await getFulfilment(db().prisma, (await props.params).id);
  if (!detail) notFound();
  const { fulfilment: f, promoter, campaign, sync, deliveries, deliveriesCapped, audits, commands, queued } = detail;
  const reviewable = (f.reviewStatus === "pending" || f.reviewStatus === "held") && f.syncState !== "fp_denied";
  const config = apiConfigFromEnv();
  const setup = { connected: isConnected(config), sendDelayS: Math.round(config.sendDelayMs / 1000) };
  const renderedAt = new Date();

  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <AutoRefresh active={TRANSIENT_SYNC_STATES.includes(f.syncState)} />
      <div className="space-y-3">
        <Link href="/fulfilments" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="size-4" aria-hidden /> Fulfilments
        </Link>
        <header className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">
            Fulfilment <span className="font-mono tabular-nums">{f.id}</span>
          </h1>
          <ReviewStatusBadge status={f.reviewStatus} />
          {f.hasIssues && (
            <Badge variant="warning" title="FirstPromoter's has_issues: its deliveries of this fulfilment to Ledger failed">
              deliveries failed
            </Badge>
          )}
        </header>
      </div>

      <div className="grid gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardContent>
            <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
              <Fact label="Amount">
                <Amount value={f.amount} unit={f.unit} className="text-base font-medium tabular-nums" />
              </Fact>
              <Fact label="Promoter">
                {promoter ? (
                  <>
                    <Link href={`/promoters/${promoter.id}`} className={DETAIL_LINK_CLASS}>
                      {promoter.name ?? promoter.email ?? `Promoter ${promoter.id}`}
                    </Link>
                    {promoter.name && promoter.email && <span className="block text-xs text-muted-foreground">{promoter.email}</span>}
                  </>
                ) : f.promoterId ? (
                  <span className="font-mono">{f.promoterId}</span>
                ) : (
                  "—"
                )}
              </Fact>
              <Fact label="Campaign">{campaign ? (campaign.name ?? `Campaign ${campaign.id}`) : "—"}</Fact>
              <Fact label="FirstPromoter status">{f.fpStatus ?? "—"}</Fact>
              <Fact label="Due">
                <LocalTime value={f.dueDate} dateOnly />
              </Fact>
              <Fact label="Paid (FirstPromoter's date_paid)">
                <LocalTime value={f.datePaid} />
              </Fact>
              <Fact label="Created in FirstPromoter">
                <LocalTime value={f.fpCreatedAt} />
              </Fact>
              <Fact label="Sent">
                {f.deliveryCount.toLocaleString("en-US")} {f.deliveryCount === 1 ? "time" : "times"}: first <LocalTime value={f.firstDeliveryAt} />, last{" "}
                <LocalTime value={f.lastDeliveryAt} />
              </Fact>
              <Fact label="Reviewed">
                {f.reviewedAt ? (
                  <>
                    {f.reviewedBy ?? "—"}, <LocalTime value={f.reviewedAt} />
                    {f.reviewReason && <span className="mt-0.5 block text-muted-foreground italic">“{f.reviewReason}”</span>}
                  </>
                ) : (
                  "Not yet"
                )}
              </Fact>
              <Fact label="Answered 200 (webhook)">
                <LocalTime value={f.answered200At} />
              </Fact>
              <Fact label="FirstPromoter's outcome">
                {f.fpOutcome ? (
                  <>
                    {f.fpOutcome}, seen <LocalTime value={f.fpOutcomeAt} />
                  </>
                ) : (
                  "None known"
                )}
              </Fact>
            </dl>
          </CardContent>
        </Card>

        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Sync with FirstPromoter</CardTitle>
            <CardDescription>
              {setup.connected ? "Decisions reach FirstPromoter through its API." : "FirstPromoter's API is not connected: nothing is sent."} A new delivery of it is answered{" "}
              {f.reviewStatus === "approved" && !sync.undoUntil ? "200" : "202 (kept pending)"}.
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-4 text-sm">
            <SyncStateCell sync={sync} inlineAdvice renderedAt={renderedAt} />
            {queued && <p className="text-muted-foreground">Then: {queued.kind.replaceAll("_", " ")} (queued behind the current send).</p>}
            {hasRole(user.role, "admin") && (
              <FulfilmentActions fulfilment={{ id: f.id, amount: f.amount, unit: f.unit, reviewStatus: f.reviewStatus }} reviewable={reviewable} sync={sync} setup={setup} />
            )}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Deliveries</CardTitle>
          <CardDescription>
            Every POST that carried this fulfilment, newest first, and what Ledger answered. FirstPromoter may send it again on its next fulfilment check.
            {deliveriesCapped && ` Showing the newest ${deliveries.length}.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <DeliveryAttemptsTable deliveries={deliveries} label="Deliveries of this fulfilment" showEvent />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Sent to FirstPromoter</CardTitle>
          <CardDescription>Each decision FirstPromoter must hear of is a command in Ledger&apos;s outbox, newest first: what it asked, how far it got, and how it ended.</CardDescription>
        </CardHeader>
        <CardContent>
          <CommandsTable commands={commands} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Review history</CardTitle>
          <CardDescription>
            Every decision on this fulfilment and every call about it, from the audit log (
            <Link href={`/activity?target_type=fulfilment&q=${f.id}`} className={DETAIL_LINK_CLASS}>
              open in Activity
            </Link>
            ).
          </CardDescription>
        </CardHeader>
        <CardContent>
          {audits.length === 0 ? (
            <p className="text-sm text-muted-foreground">Not reviewed yet.</p>
          ) : (
            <ol className="space-y-3 text-sm">
              {audits.map((a) => (
                <li key={a.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
                  <span className="w-44 shrink-0 text-muted-foreground">
                    <LocalTime value={a.at} />
                  </span>
                  <span className="font-mono text-xs">{a.action}</span>
                  <span>{a.actorEmail ?? "—"}</span>
                  <span className="text-muted-foreground">{transition(a.before, a.after)}</span>
                </li>
              ))}
            </ol>
          )}
        </CardContent>
      </Card>

      <section aria-labelledby="reward" className="space-y-2">
        <h2 id="reward" className="text-lg font-medium">
          Reward definition
        </h2>
        <p className="text-sm text-muted-foreground">The reward object FirstPromoter sent with the fulfilment, as stored.</p>
        {f.reward === null ? <p className="text-sm text-muted-foreground">None was sent.</p> : <JsonView value={f.reward} label={`Reward definition of fulfilment ${f.id}`} />}
      </section>
    </main>
  );
}


/** "pending → approved" with the reason for a review; the step and what came of it for a call. */
function transition(before: unknown, after: unknown): string {
  const get = (v: unknown, k: string) => (v && typeof v === "object" && k in v ? String((v as Record<string, unknown>)[k]) : null);
  if (get(before, "review_status") || get(after, "review_status")) {
    const reason = get(after, "reason");
    return `${get(before, "review_status") ?? "?"} → ${get(after, "review_status") ?? "?"}${reason ? `: “${reason}”` : ""}`;
  }
  const parts = [get(after, "step"), get(after, "answer"), get(after, "read_back"), get(after, "error"), get(after, "note")].filter(Boolean);
  return parts.join(" · ");
}
