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
import { ReviewButtons } from "../_components/review-buttons.tsx";
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
  const { fulfilment: f, promoter, campaign, sync, deliveries, deliveriesCapped, audits } = detail;
  const reviewable = f.reviewStatus === "pending" || f.reviewStatus === "held";

  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
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
            <Badge variant="warning" title="FirstPromoter flagged this fulfilment">
              has issues
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
              <Fact label="Confirmed (answered 200)">
                <LocalTime value={f.confirmedAt} />
              </Fact>
            </dl>
          </CardContent>
        </Card>

        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Sync with FirstPromoter</CardTitle>
            <CardDescription>
              Ledger answers each delivery {f.reviewStatus === "approved" ? "200 (fulfilled)" : "202 (keep it pending)"}.
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-4 text-sm">
            <SyncStateCell sync={sync} inlineAdvice />
            {hasRole(user.role, "admin") && <ReviewButtons fulfilment={{ id: f.id, amount: f.amount, unit: f.unit }} reviewable={reviewable} />}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Deliveries</CardTitle>
          <CardDescription>
            Every POST that carried this fulfilment, newest first, and what Ledger answered. FirstPromoter re-sends the same event until it gets a 200.
            {deliveriesCapped && ` Showing the newest ${deliveries.length}.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <DeliveryAttemptsTable deliveries={deliveries} label="Deliveries of this fulfilment" showEvent />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Review history</CardTitle>
          <CardDescription>
            Every decision on this fulfilment, from the audit log (
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


/** "pending → approved", with the reason when one was given. */
function transition(before: unknown, after: unknown): string {
  const status = (v: unknown) => (v && typeof v === "object" && "review_status" in v ? String((v as { review_status: unknown }).review_status) : "?");
  const reason = after && typeof after === "object" && "reason" in after ? `: “${String((after as { reason: unknown }).reason)}”` : "";
  return `${status(before)} → ${status(after)}${reason}`;
}
