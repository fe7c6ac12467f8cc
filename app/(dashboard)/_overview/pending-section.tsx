import { AlertTriangle, Clock, Send } from "lucide-react";
import Link from "next/link";
import { LocalTime } from "@/components/local-time.tsx";
import { db } from "@/lib/db/index.ts";
import { formatAmount } from "@/lib/format/amount.ts";
import { formatAge } from "@/lib/overview/format-age.ts";
import { FAILED_SYNC_STATES, UNCONFIRMED_SYNC_STATES, getPendingFulfilments } from "@/lib/overview/get-pending-fulfilments.ts";
import { unitLabel } from "./format.ts";

/** A day: past it, the oldest pending fulfilment is flagged (its reward waits for a decision here). */
const STALE_MS = 86_400_000;

/** Fulfilments awaiting review now: how many, how much per unit, and how long the oldest has waited. */
export async function PendingSection({ now }: { now: Date }) {
  const pending = await getPendingFulfilments(db().prisma, now);
  const sync = <SyncLines unconfirmed={pending.unconfirmed} failed={pending.failed} />;
  if (pending.count === 0) {
    return (
      <div className="space-y-3">
        <p className="py-6 text-sm text-muted-foreground">Nothing awaits review: every fulfilment FirstPromoter sent has been decided.</p>
        {sync}
      </div>
    );
  }
  const stale = (pending.oldestAgeMs ?? 0) > STALE_MS;
  return (
    <div className="space-y-4">
      <div>
        <Link
          href="/fulfilments"
          className="text-3xl font-semibold tracking-tight tabular-nums underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          {pending.count.toLocaleString()}
        </Link>
        <span className="ml-2 text-sm text-muted-foreground">{pending.count === 1 ? "fulfilment awaits" : "fulfilments await"} review</span>
      </div>
      {pending.oldestAt && pending.oldestAgeMs !== null && (
        <p className={stale ? "flex items-start gap-2 text-sm text-warning" : "flex items-start gap-2 text-sm text-muted-foreground"}>
          <Clock className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            The oldest has waited <strong className="font-semibold">{formatAge(pending.oldestAgeMs)}</strong> (first sent <LocalTime value={pending.oldestAt} />).
          </span>
        </p>
      )}
      {sync}
      <ul className="divide-y text-sm">
        {pending.units.map((u) => (
          <li key={u.unit} className="flex items-baseline justify-between gap-4 py-2">
            {u.unit ? (
              <Link href={`/fulfilments?${new URLSearchParams({ unit: u.unit })}`} className="underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50">
                {unitLabel(u.unit)}
              </Link>
            ) : (
              <span>{unitLabel(u.unit)}</span>
            )}
            <span className="text-right tabular-nums">
              <span className="font-medium">{formatAmount(u.amount, u.unit || null)}</span>
              <span className="text-muted-foreground"> · {u.count.toLocaleString()}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const LINK = "underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50";

/** Decisions still on their way to FirstPromoter, and sends that failed (each a link to the queue, filtered). */
function SyncLines({ unconfirmed, failed }: { unconfirmed: number; failed: number }) {
  if (unconfirmed === 0 && failed === 0) return null;
  return (
    <ul className="space-y-1 text-sm">
      {unconfirmed > 0 && (
        <li className="flex items-start gap-2 text-muted-foreground">
          <Send className="mt-0.5 size-4 shrink-0" aria-hidden />
          <Link href={`/fulfilments?${new URLSearchParams({ sync_state: UNCONFIRMED_SYNC_STATES.join(",") })}`} className={LINK}>
            <strong className="font-semibold text-foreground">{unconfirmed.toLocaleString()}</strong> approval{unconfirmed === 1 ? "" : "s"} not yet confirmed by FirstPromoter
          </Link>
        </li>
      )}
      {failed > 0 && (
        <li className="flex items-start gap-2 text-destructive">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <Link href={`/fulfilments?${new URLSearchParams({ sync_state: FAILED_SYNC_STATES.join(",") })}`} className={LINK}>
            <strong className="font-semibold">{failed.toLocaleString()}</strong> failed send{failed === 1 ? "" : "s"} to retry or settle
          </Link>
        </li>
      )}
    </ul>
  );
}
