import { EmptyValue } from "@/components/cell-text.tsx";
import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { LocalTime } from "@/components/local-time.tsx";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import { describeSyncState } from "@/lib/fulfilments/sync-state.ts";
import type { PromoterDetail } from "@/lib/promoters/get-promoter.ts";
import { Amount } from "@/components/amount.tsx";
import { DeletedBadge } from "@/components/deleted-badge.tsx";
import { StateBadge } from "./status-badges.tsx";
import { TotalText } from "./total-text.tsx";

// The latest of the promoter's leads, rewards, fulfilments and payouts (LATEST each, newest first), each card
// linking to the full list filtered to this promoter (?promoter=<id> on /leads, /rewards, /fulfilments, /payouts).

type Section<T> = { rows: T[]; total: PromoterDetail["leads"]["total"] };

function RelatedCard({ title, noun, section, href, children }: { title: string; noun: [string, string]; section: Section<unknown>; href: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>
          <TotalText shown={section.rows.length} total={section.total} noun={noun} />
        </CardDescription>
        {section.total.value > 0 && (
          <CardAction>
            <Link href={href} className="inline-flex items-center gap-1 text-sm underline-offset-4 hover:underline">
              All {noun[1]} <ArrowRight className="size-4" aria-hidden />
            </Link>
          </CardAction>
        )}
      </CardHeader>
      {section.rows.length > 0 && (
        <CardContent>
          <div className="rounded-md border">{children}</div>
        </CardContent>
      )}
    </Card>
  );
}

export function PromoterLeads({ promoterId, leads }: { promoterId: string; leads: PromoterDetail["leads"] }) {
  return (
    <RelatedCard title="Leads" noun={["lead", "leads"]} section={leads} href={`/leads?promoter=${promoterId}`}>
      <Table aria-label="Latest leads">
        <TableHeader className="bg-muted/50">
          <TableRow className="hover:bg-transparent">
            <TableHead>Lead</TableHead>
            <TableHead>State</TableHead>
            <TableHead>Plan</TableHead>
            <TableHead>Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {leads.rows.map((l) => (
            <TableRow key={l.id}>
              <TableCell className="max-w-56">
                <Link href={`/leads/${l.id}`} className="block truncate underline-offset-4 hover:underline" title={l.email ?? undefined}>
                  {l.email ?? `Lead ${l.id}`}
                </Link>
              </TableCell>
              <TableCell>
                <StateBadge value={l.state} />
              </TableCell>
              <TableCell>{l.planName ?? <EmptyValue />}</TableCell>
              <TableCell className="whitespace-nowrap">
                <LocalTime value={l.createdAt} dateOnly />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </RelatedCard>
  );
}

export function PromoterRewards({ promoterId, rewards }: { promoterId: string; rewards: PromoterDetail["rewards"] }) {
  return (
    <RelatedCard title="Rewards" noun={["reward", "rewards"]} section={rewards} href={`/rewards?promoter=${promoterId}`}>
      <Table aria-label="Latest rewards">
        <TableHeader className="bg-muted/50">
          <TableRow className="hover:bg-transparent">
            <TableHead className="text-right">Amount</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Lead</TableHead>
            <TableHead>Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rewards.rows.map((r) => (
            <TableRow key={r.id}>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                <Amount value={r.amount} unit={r.unit} />
              </TableCell>
              <TableCell>
                <StateBadge value={r.status} />
              </TableCell>
              <TableCell className="max-w-48">
                {r.lead ? (
                  <Link href={`/leads/${r.lead.id}`} className="block truncate underline-offset-4 hover:underline" title={r.lead.email ?? undefined}>
                    {r.lead.email ?? `Lead ${r.lead.id}`}
                  </Link>
                ) : (
                  <EmptyValue />
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <LocalTime value={r.createdAt} dateOnly />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </RelatedCard>
  );
}

export function PromoterFulfilments({ promoterId, fulfilments }: { promoterId: string; fulfilments: PromoterDetail["fulfilments"] }) {
  const now = new Date();
  return (
    <RelatedCard title="Fulfilments" noun={["fulfilment", "fulfilments"]} section={fulfilments} href={`/fulfilments?promoter=${promoterId}`}>
      <Table aria-label="Latest fulfilments">
        <TableHeader className="bg-muted/50">
          <TableRow className="hover:bg-transparent">
            <TableHead className="text-right">Amount</TableHead>
            <TableHead>Review</TableHead>
            <TableHead>With FirstPromoter</TableHead>
            <TableHead>First sent</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {fulfilments.rows.map((f) => {
            const sync = describeSyncState({ ...f, syncState: f.syncState, command: null }, now);
            return (
              <TableRow key={f.id}>
                <TableCell className="text-right whitespace-nowrap tabular-nums">
                  <Amount value={f.amount} unit={f.unit} />
                </TableCell>
                <TableCell>
                  <StateBadge value={f.reviewStatus} />
                </TableCell>
                <TableCell className="max-w-56">
                  <span className="block truncate text-muted-foreground" title={`${sync.label}. ${sync.advice}`}>
                    {sync.label}
                  </span>
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <LocalTime value={f.firstDeliveryAt} dateOnly />
                  {f.deliveryCount > 1 && <span className="text-xs text-muted-foreground"> · sent {f.deliveryCount}×</span>}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </RelatedCard>
  );
}

export function PromoterPayouts({ promoterId, payouts }: { promoterId: string; payouts: PromoterDetail["payouts"] }) {
  return (
    <RelatedCard title="Payouts" noun={["payout", "payouts"]} section={payouts} href={`/payouts?promoter=${promoterId}`}>
      <Table aria-label="Latest payouts">
        <TableHeader className="bg-muted/50">
          <TableRow className="hover:bg-transparent">
            <TableHead>Payout</TableHead>
            <TableHead className="text-right">Amount</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Period</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {payouts.rows.map((p) => (
            <TableRow key={p.id}>
              <TableCell>
                <Link href={`/payouts/${p.id}`} className="font-mono text-xs tabular-nums underline-offset-4 hover:underline">
                  {p.id}
                </Link>
                <DeletedBadge deleted={p.deleted} />
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                <Amount value={p.amount} unit={p.unit} />
              </TableCell>
              <TableCell>
                <StateBadge value={p.status} />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                {p.periodStart ? (
                  <>
                    <LocalTime value={p.periodStart} dateOnly />
                    {p.periodEnd && (
                      <>
                        {" – "}
                        <LocalTime value={p.periodEnd} dateOnly />
                      </>
                    )}
                  </>
                ) : (
                  <EmptyValue />
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </RelatedCard>
  );
}
