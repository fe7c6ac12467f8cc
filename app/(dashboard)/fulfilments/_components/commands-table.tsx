import { LocalTime } from "@/components/local-time.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import type { FulfilmentDetail } from "@/lib/fulfilments/get-fulfilment.ts";
import type { CommandState } from "@/lib/outbox/types.ts";

/** The states with a colour of their own; the rest are "outline". */
const STATE_VARIANT: Partial<Record<CommandState, "success" | "destructive" | "secondary">> = { confirmed: "success", failed: "destructive", cancelled: "secondary" };

/** A fulfilment's outbox commands (its detail page): what each asked FirstPromoter, how far it got, how it ended. */
export function CommandsTable({ commands }: { commands: FulfilmentDetail["commands"] }) {
  if (commands.length === 0) return <p className="text-sm text-muted-foreground">Nothing sent: no approval or rejection yet.</p>;
  return (
    <div className="overflow-x-auto">
      <Table aria-label="Commands sent to FirstPromoter">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Asked</TableHead>
            <TableHead>Decided</TableHead>
            <TableHead>State</TableHead>
            <TableHead className="text-right">Attempts</TableHead>
            <TableHead>Last sent</TableHead>
            <TableHead>Last error / outcome</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {commands.map((c) => (
            <TableRow key={c.id}>
              <TableCell className="font-mono text-xs whitespace-nowrap">{c.kind}</TableCell>
              <TableCell className="text-xs whitespace-nowrap">
                <LocalTime value={c.decidedAt} />
                <span className="block text-muted-foreground">{c.decidedBy ?? "—"}</span>
              </TableCell>
              <TableCell>
                <Badge variant={STATE_VARIANT[c.state] ?? "outline"}>{c.state.replaceAll("_", " ")}</Badge>
                {c.batchId && <span className="block text-xs text-muted-foreground">batch {c.batchId}</span>}
                {c.settledAt && <span className="block text-xs text-muted-foreground">settled by {c.settledBy}</span>}
              </TableCell>
              <TableCell className="text-right tabular-nums">{c.attempts}</TableCell>
              <TableCell className="text-xs whitespace-nowrap">
                <LocalTime value={c.lastSentAt} />
              </TableCell>
              <TableCell className="max-w-80 text-xs">
                {c.result ? <span className="font-medium">{c.result.replaceAll("_", " ")}</span> : c.dueAt ? <span>next step {c.step.replaceAll("_", " ")}</span> : null}
                {c.lastError && <span className="block break-words text-muted-foreground">{c.lastError}</span>}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
