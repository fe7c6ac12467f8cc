import { DETAIL_LINK_CLASS } from "@/components/cell-text.tsx";
import Link from "next/link";
import { LocalTime } from "@/components/local-time.tsx";
import { OutcomeBadge, StatusCodeBadge } from "@/components/outcome-badge.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import type { DeliveryRow } from "@/lib/records/delivery-row.ts";

/**
 * Delivery attempts as a small table: when, the status Ledger answered, the outcome and the refusal
 * reason; with `showEvent`, which event each carried (a link to the stored event, labelled with
 * FirstPromoter's event id): a fulfilment's page lists several events' deliveries.
 */
export function DeliveryAttemptsTable({ deliveries, label, showEvent = false }: { deliveries: DeliveryRow[]; label: string; showEvent?: boolean }) {
  if (deliveries.length === 0) return <p className="text-sm text-muted-foreground">No delivery recorded (a replayed or imported event).</p>;
  return (
    <div className="rounded-md border">
      <Table aria-label={label}>
        <TableHeader className="bg-muted/50">
          <TableRow className="hover:bg-transparent">
            <TableHead>Received</TableHead>
            <TableHead>Answered</TableHead>
            <TableHead>Outcome</TableHead>
            {showEvent && <TableHead>Event</TableHead>}
            <TableHead>Reason</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {deliveries.map((d) => (
            <TableRow key={d.id}>
              <TableCell>
                <LocalTime value={d.receivedAt} />
              </TableCell>
              <TableCell>
                <StatusCodeBadge code={d.statusCode} />
              </TableCell>
              <TableCell>
                <OutcomeBadge outcome={d.outcome} />
              </TableCell>
              {showEvent && (
                <TableCell>
                  {d.eventId ? (
                    <Link href={`/events/${d.eventId}`} className={`font-mono text-xs tabular-nums ${DETAIL_LINK_CLASS}`}>
                      {d.externalEventId ?? d.eventId}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs tabular-nums">{d.externalEventId ?? "—"}</span>
                  )}
                </TableCell>
              )}
              <TableCell className="max-w-56 truncate text-muted-foreground" title={d.reason ?? undefined}>
                {d.errorCode ? <span className="font-mono text-xs">{d.errorCode} </span> : null}
                {d.reason ?? (d.errorCode ? "" : "—")}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
