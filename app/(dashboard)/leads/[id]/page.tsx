import { DETAIL_LINK_CLASS, EmptyValue } from "@/components/cell-text.tsx";
import { Fact } from "@/components/fact.tsx";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Amount } from "@/components/amount.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { getLead, LEAD_REWARDS_SHOWN, type LeadDetail } from "@/lib/leads/get-lead.ts";
import { listLeadTimeline } from "@/lib/leads/list-lead-timeline.ts";
import { promoterLabel } from "@/lib/leads/promoter-label.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";
import { LeadStateBadge, SuspicionBadge } from "../_components/lead-badges.tsx";
import { LeadTimeline } from "./_components/lead-timeline.tsx";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  const id = parseRecordId((await props.params).id);
  return { title: id === null ? "Lead" : `Lead ${id}` };
}

export default async function LeadPage(props: Props) {
  await requireUser();
  // Anything but a canonical id is a 404 before any query (never a 500 from a bad cast).
  const id = parseRecordId((await props.params).id);
  if (id === null) notFound();
  const prisma = db().prisma;
  const [detail, timeline] = await Promise.all([getLead(prisma, id), listLeadTimeline(prisma, id, (await props.searchParams).timeline)]);
  if (!detail) notFound();
  const { lead } = detail;

  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <div className="space-y-3">
        <Link href="/leads" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="size-4" aria-hidden /> Leads
        </Link>
        <header className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-all">{lead.email ?? `Lead ${lead.id}`}</h1>
          <LeadStateBadge state={lead.state} />
          {lead.suspicion && lead.suspicion !== "no_suspicion" && <SuspicionBadge suspicion={lead.suspicion} />}
        </header>
      </div>

      <Card>
        <CardContent>
          <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
            <Fact label="Lead id (FirstPromoter)">
              <span className="font-mono tabular-nums">{lead.id}</span>
            </Fact>
            <Fact label="State">
              <LeadStateBadge state={lead.state} />
            </Fact>
            <Fact label="Suspicion">
              <SuspicionBadge suspicion={lead.suspicion} />
            </Fact>
            <Fact label="Uid">{lead.uid ? <span className="font-mono break-all">{lead.uid}</span> : <EmptyValue />}</Fact>
            <Fact label="Username">{lead.username ?? <EmptyValue />}</Fact>
            <Fact label="Website">{lead.website ? <span className="break-all">{lead.website}</span> : <EmptyValue />}</Fact>
            <Fact label="Plan">{lead.planName ?? <EmptyValue />}</Fact>
            <Fact label="Customer since">
              <LocalTime value={lead.customerSince} />
            </Fact>
            <Fact label="Cancelled">
              <LocalTime value={lead.cancelledAt} />
            </Fact>
            <Fact label="Created (FirstPromoter)">
              <LocalTime value={lead.fpCreatedAt} />
            </Fact>
            <Fact label="First seen by Ledger">
              <LocalTime value={lead.firstSeenAt} />
            </Fact>
            <Fact label="Newest snapshot">
              <LocalTime value={lead.snapshotAt} />{" "}
              {lead.snapshotEventId && (
                <Link href={`/events?q=${lead.snapshotEventId}`} className={`font-mono text-xs text-muted-foreground ${DETAIL_LINK_CLASS}`}>
                  event {lead.snapshotEventId}
                </Link>
              )}
            </Fact>
          </dl>
        </CardContent>
      </Card>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <ReferredBy detail={detail} />
        <Card>
          <CardHeader>
            <CardTitle>Custom fields</CardTitle>
            <CardDescription>As FirstPromoter sent them (utm tags, coupons, …), merged across events.</CardDescription>
          </CardHeader>
          <CardContent>
            {lead.customFields && Object.keys(lead.customFields).length > 0 ? (
              <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-6 gap-y-1.5 text-sm">
                {Object.entries(lead.customFields).map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt className="font-mono text-xs leading-5 text-muted-foreground">{key}</dt>
                    <dd className="break-words">{typeof value === "string" ? value : JSON.stringify(value)}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="text-sm text-muted-foreground">None.</p>
            )}
          </CardContent>
        </Card>
      </div>

      <Rewards detail={detail} />

      <section aria-labelledby="timeline" className="space-y-3">
        <div>
          <h2 id="timeline" className="scroll-mt-4 text-lg font-medium">
            Life cycle
          </h2>
          <p className="text-sm text-muted-foreground">
            Every event that touched this lead, newest first ({timeline.total.toLocaleString("en-US")} in all): sign-up, referral, customer,
            cancellation, rewards. The state is what each event&apos;s snapshot reported.
          </p>
        </div>
        <Card>
          <CardContent>
            <LeadTimeline leadId={lead.id} timeline={timeline} />
          </CardContent>
        </Card>
      </section>
    </main>
  );
}

function ReferredBy({ detail }: { detail: LeadDetail }) {
  const { promoter, promotion, splitPromotion, lead } = detail;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Referred by</CardTitle>
        <CardDescription>The promoter and promotion FirstPromoter attributes this lead to.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
          <Fact label="Promoter">
            {promoter ? (
              <>
                <Link href={`/promoters/${promoter.id}`} className={DETAIL_LINK_CLASS}>
                  {promoterLabel(promoter, promoter.id)}
                </Link>
                {promoter.email && (promoter.firstName || promoter.lastName) && <span className="block text-xs text-muted-foreground">{promoter.email}</span>}
                <Link href={`/leads?promoter=${promoter.id}`} className={`block text-xs text-muted-foreground ${DETAIL_LINK_CLASS}`}>
                  Their leads
                </Link>
              </>
            ) : lead.promoterId ? (
              <span className="font-mono">{lead.promoterId}</span>
            ) : (
              <EmptyValue />
            )}
          </Fact>
          <Fact label="Promotion">
            {promotion ? (
              <>
                <span className="font-mono">{promotion.refId ?? promotion.id}</span>
                <span className="block text-xs text-muted-foreground">
                  id {promotion.id}
                  {promotion.status ? ` · ${promotion.status}` : ""}
                </span>
              </>
            ) : (
              <EmptyValue />
            )}
          </Fact>
          <Fact label="Campaign">
            {promotion?.campaign ? (
              <Link href={`/leads?campaign=${promotion.campaign.id}`} className={DETAIL_LINK_CLASS} title="Leads of this campaign">
                {promotion.campaign.name ?? `Campaign ${promotion.campaign.id}`}
              </Link>
            ) : (
              <EmptyValue />
            )}
          </Fact>
          <Fact label="Split promotion">
            {splitPromotion ? (
              <>
                <span className="font-mono">{splitPromotion.refId ?? splitPromotion.id}</span>
                {splitPromotion.promoter && (
                  <Link href={`/promoters/${splitPromotion.promoter.id}`} className={`block text-xs ${DETAIL_LINK_CLASS}`}>
                    {promoterLabel(splitPromotion.promoter, splitPromotion.promoter.id)}
                  </Link>
                )}
              </>
            ) : lead.splitPromotionId ? (
              <span className="font-mono">{lead.splitPromotionId}</span>
            ) : (
              <EmptyValue />
            )}
          </Fact>
        </dl>
      </CardContent>
    </Card>
  );
}

function Rewards({ detail }: { detail: LeadDetail }) {
  const { rewards, rewardCount, lead } = detail;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Rewards</CardTitle>
        <CardDescription>
          {rewardCount === 0
            ? "No rewards for this lead yet."
            : rewardCount > rewards.length
              ? `The ${LEAD_REWARDS_SHOWN} newest of ${rewardCount.toLocaleString("en-US")} rewards for this lead.`
              : `${rewardCount.toLocaleString("en-US")} ${rewardCount === 1 ? "reward" : "rewards"} for this lead, newest first.`}{" "}
          {rewardCount > 0 && lead.email && (
            <Link href={`/rewards?q=${encodeURIComponent(lead.email)}`} className={DETAIL_LINK_CLASS}>
              Open in Rewards
            </Link>
          )}
        </CardDescription>
      </CardHeader>
      {rewards.length > 0 && (
        <CardContent>
          <div className="rounded-md border">
            <Table aria-label="Rewards of this lead">
              <TableHeader className="bg-muted/50">
                <TableRow className="hover:bg-transparent">
                  <TableHead>Created</TableHead>
                  <TableHead className="text-right">Amount</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="text-right">Sale</TableHead>
                  <TableHead>Tier</TableHead>
                  <TableHead>Reward</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rewards.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>
                      <LocalTime value={r.createdAt} />
                    </TableCell>
                    <TableCell className="text-right font-medium">
                      <Amount value={r.amount} unit={r.unit} />
                    </TableCell>
                    <TableCell>{r.status ?? <EmptyValue />}</TableCell>
                    <TableCell className="text-right text-muted-foreground">
                      {/* FirstPromoter's conversion amount is the sale in cents of the program's currency. */}
                      <Amount value={r.conversionAmount} unit="cash" />
                    </TableCell>
                    <TableCell className="tabular-nums">{r.tierLevel ?? <EmptyValue />}</TableCell>
                    <TableCell>
                      {r.eventId ? (
                        <Link href={`/events/${r.eventId}`} className={`font-mono text-xs ${DETAIL_LINK_CLASS}`} title="The event that created this reward">
                          {r.id}
                        </Link>
                      ) : (
                        <span className="font-mono text-xs">{r.id}</span>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </CardContent>
      )}
    </Card>
  );
}
