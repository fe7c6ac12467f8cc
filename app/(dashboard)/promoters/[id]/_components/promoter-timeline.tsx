import { DETAIL_LINK_CLASS } from "@/components/cell-text.tsx";
import { ArrowDown, ArrowUp } from "lucide-react";
import Link from "next/link";
import { LocalTime } from "@/components/local-time.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { db } from "@/lib/db/index.ts";
import { listPromoterTimeline, TIMELINE_PAGE } from "@/lib/promoters/list-promoter-timeline.ts";
import { OutcomeBadge } from "@/components/outcome-badge.tsx";
import { Amount } from "@/components/amount.tsx";
import { TotalText } from "./total-text.tsx";

type Props = { promoterId: string; before: bigint | null };

/**
 * Every stored event that mentioned the promoter, newest received first, TIMELINE_PAGE at a time:
 * "Older events" moves a keyset (?before=<event id>) down the list, so the page never loads an
 * unbounded list. Streams in after the rest of the page (its own Suspense boundary).
 */
export async function PromoterTimeline({ promoterId, before }: Props) {
  const timeline = await listPromoterTimeline(db().prisma, BigInt(promoterId), before);
  const base = `/promoters/${promoterId}`;
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted-foreground">
        {before === null ? (
          <TotalText shown={timeline.items.length} total={timeline.total} noun={["event", "events"]} />
        ) : (
          <>Older events, received before event {before.toString()}</>
        )}
        {" · "}
        <Link href={`/events?q=${promoterId}`} className={DETAIL_LINK_CLASS}>
          search the event history for this promoter
        </Link>
      </p>
      {timeline.items.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
          {before === null ? "No stored event mentions this promoter." : "No older events."}
        </p>
      ) : (
        <ol className="relative space-y-0 border-l pl-5" aria-label="Events that mentioned this promoter, newest first">
          {timeline.items.map((e) => (
            <li key={e.id} className="relative py-2">
              <span className="absolute top-3.5 -left-[1.6rem] size-2.5 rounded-full border-2 border-background bg-muted-foreground" aria-hidden />
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <Link href={`/events/${e.id}`} className="font-mono text-sm font-medium underline-offset-4 hover:underline">
                  {e.type}
                </Link>
                {e.status !== "processed" && <OutcomeBadge outcome={e.status} />}
                {e.email && <span className="max-w-64 truncate text-sm text-muted-foreground">{e.email}</span>}
                {e.amount && /^-?\d+(\.\d+)?$/.test(e.amount) && (
                  <Amount value={e.amount} unit={e.unit} className="text-sm tabular-nums" />
                )}
              </div>
              <p className="text-xs text-muted-foreground">
                Occurred <LocalTime value={e.occurredAt} /> · received <LocalTime value={e.receivedAt} /> · event {e.externalId}
              </p>
            </li>
          ))}
        </ol>
      )}
      {(before !== null || timeline.olderBefore) && (
        <nav aria-label="Timeline pages" className="flex flex-wrap gap-2">
          {before !== null && (
            <Button asChild variant="outline" size="sm">
              <Link href={`${base}#timeline`} scroll={false}>
                <ArrowUp aria-hidden /> Newest events
              </Link>
            </Button>
          )}
          {timeline.olderBefore && (
            <Button asChild variant="outline" size="sm">
              <Link href={`${base}?before=${timeline.olderBefore}#timeline`} scroll={false}>
                <ArrowDown aria-hidden /> Older events
              </Link>
            </Button>
          )}
        </nav>
      )}
    </div>
  );
}

export function PromoterTimelineSkeleton() {
  return (
    <div className="space-y-3" aria-busy="true" aria-label="Loading the timeline">
      <Skeleton className="h-4 w-64" />
      {Array.from({ length: Math.min(TIMELINE_PAGE, 6) }, (_, i) => (
        <div key={i} className="space-y-1.5 pl-5">
          <Skeleton className="h-4 w-56" />
          <Skeleton className="h-3 w-80 max-w-full" />
        </div>
      ))}
    </div>
  );
}
