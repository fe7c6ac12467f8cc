import { ChevronLeft, ChevronRight, CircleDot, CreditCard, Gift, type LucideIcon, UserCheck, UserPlus, UserX } from "lucide-react";
import Link from "next/link";
import { Amount } from "@/components/amount.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { Button } from "@/components/ui/button.tsx";
import type { LeadTimeline as Timeline, LeadTransition, TimelineEntry } from "@/lib/leads/list-lead-timeline.ts";
import { cn } from "@/lib/utils.ts";
import { LeadStateBadge } from "../../_components/lead-badges.tsx";

const STEP: Record<LeadTransition, { title: string; icon: LucideIcon; tone: string }> = {
  signup: { title: "Signed up", icon: UserPlus, tone: "bg-muted text-muted-foreground" },
  referral: { title: "Became a referral", icon: UserCheck, tone: "bg-primary/10 text-primary" },
  customer: { title: "Became a customer", icon: CreditCard, tone: "bg-success/15 text-success" },
  cancelled: { title: "Cancelled", icon: UserX, tone: "bg-destructive/15 text-destructive" },
  reward: { title: "Reward created", icon: Gift, tone: "bg-warning/15 text-warning" },
  other: { title: "Updated", icon: CircleDot, tone: "bg-muted text-muted-foreground" },
};

/**
 * The lead's life cycle, newest first: one entry per event that touched it, with the step its type
 * stands for, what its snapshot said, when it occurred and a link to the stored event. Paged with
 * keyset cursors in `?timeline=` (links, so each page is a URL and works without JavaScript).
 */
export function LeadTimeline({ leadId, timeline }: { leadId: string; timeline: Timeline }) {
  if (timeline.rows.length === 0) {
    return <p className="text-sm text-muted-foreground">No stored event mentions this lead (it may have been imported without its events).</p>;
  }
  const href = (cursor: string) => `/leads/${leadId}?timeline=${encodeURIComponent(cursor)}#timeline`;
  return (
    <div className="space-y-4">
      <ol className="relative space-y-5 border-l pl-6">
        {timeline.rows.map((entry) => (
          <TimelineItem key={entry.eventId} entry={entry} />
        ))}
      </ol>
      {(timeline.prevCursor || timeline.nextCursor) && (
        <nav aria-label="Timeline pages" className="flex justify-end gap-2">
          <PageLink href={timeline.prevCursor && href(timeline.prevCursor)} rel="prev">
            <ChevronLeft aria-hidden /> Newer
          </PageLink>
          <PageLink href={timeline.nextCursor && href(timeline.nextCursor)} rel="next">
            Older <ChevronRight aria-hidden />
          </PageLink>
        </nav>
      )}
    </div>
  );
}

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  const step = STEP[entry.transition];
  const Icon = step.icon;
  return (
    <li className="relative">
      <span className={cn("absolute top-0 -left-[2.3rem] flex size-7 items-center justify-center rounded-full ring-4 ring-card", step.tone)}>
        <Icon className="size-3.5" aria-hidden />
      </span>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="font-medium">{entry.transition === "other" ? entry.type : step.title}</span>
        {entry.state && <LeadStateBadge state={entry.state} />}
      </div>
      <Details entry={entry} />
      <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-muted-foreground">
        <LocalTime value={entry.occurredAt} />
        <span aria-hidden>·</span>
        <Link href={`/events/${entry.eventId}`} className="font-mono underline-offset-4 hover:text-foreground hover:underline">
          {entry.type} {entry.externalId}
        </Link>
      </p>
    </li>
  );
}

/** What the snapshot carried that matters for this step. */
function Details({ entry }: { entry: TimelineEntry }) {
  if (entry.reward) {
    const { amount, unit, status, id } = entry.reward;
    return (
      <p className="text-sm">
        <Amount value={amount} unit={unit} className="font-medium tabular-nums" />
        {status && <span className="text-muted-foreground"> · {status}</span>}
        {id && <span className="font-mono text-xs text-muted-foreground"> · reward {id}</span>}
      </p>
    );
  }
  const parts: React.ReactNode[] = [];
  if (entry.transition === "customer" || entry.planName) {
    parts.push(<span key="plan">Plan {entry.planName ?? "not stated"}</span>);
  }
  if (entry.transition === "customer" && entry.customerSince) {
    parts.push(
      <span key="since">
        customer since <LocalTime value={entry.customerSince} dateOnly />
      </span>,
    );
  }
  if (entry.transition === "cancelled" && entry.cancelledAt) {
    parts.push(
      <span key="cancelled">
        cancelled <LocalTime value={entry.cancelledAt} dateOnly />
      </span>,
    );
  }
  if (parts.length === 0) return null;
  return <p className="flex flex-wrap gap-x-1 text-sm text-muted-foreground">{parts.flatMap((p, i) => (i === 0 ? [p] : [<span key={`s${i}`}>·</span>, p]))}</p>;
}

function PageLink({ href, rel, children }: { href: string | null; rel: string; children: React.ReactNode }) {
  if (!href) {
    return (
      <Button variant="outline" size="sm" disabled>
        {children}
      </Button>
    );
  }
  return (
    <Button variant="outline" size="sm" asChild>
      <Link href={href} rel={rel} scroll={false}>
        {children}
      </Link>
    </Button>
  );
}
