import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { db } from "@/lib/db/index.ts";
import { getEventsReceived } from "@/lib/overview/get-events-received.ts";
import type { OverviewQuery } from "@/lib/overview/period-window.ts";
import { OVERVIEW_PERIODS } from "@/lib/overview/search-params.ts";
import { ReceivedChart } from "./received-chart.tsx";

/** What reached the webhook per day: new events stored, and deliveries Ledger refused (which FirstPromoter mostly does not re-send). */
export async function ReceivedSection({ q }: { q: OverviewQuery }) {
  const data = await getEventsReceived(db().prisma, q);
  const events = data.reduce((n, p) => n + p.events, 0);
  const rejected = data.reduce((n, p) => n + p.rejected, 0);
  const rejectedDays = data.filter((p) => p.rejected > 0).length;
  const unit = OVERVIEW_PERIODS[q.period].bucket;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-6 gap-y-2 text-sm">
        <span>
          <span className="text-2xl font-semibold tracking-tight tabular-nums">{events.toLocaleString()}</span>{" "}
          <span className="text-muted-foreground">{events === 1 ? "event" : "events"} received</span>
        </span>
        {rejected > 0 ? (
          <Link
            href="/events/deliveries?outcome=rejected"
            className="inline-flex items-center gap-1.5 rounded-sm font-medium text-destructive underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <AlertTriangle className="size-4" aria-hidden />
            {rejected.toLocaleString()} {rejected === 1 ? "delivery" : "deliveries"} rejected on {rejectedDays} {rejectedDays === 1 ? unit : `${unit}s`}
          </Link>
        ) : (
          <span className="text-muted-foreground">No deliveries rejected</span>
        )}
      </div>
      {events === 0 && rejected === 0 ? (
        <p className="py-6 text-center text-sm text-muted-foreground">Nothing reached the webhook in this period.</p>
      ) : (
        <ReceivedChart data={data} bucket={unit} />
      )}
    </div>
  );
}
