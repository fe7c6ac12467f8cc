import { EmptyValue } from "@/components/cell-text.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";

// A v2 event's `changes` ({ field: [old, new] }) as a before → after table. Values are shown as text
// (objects as JSON): whatever a sender put in them, nothing is interpreted as markup.

/** The [before, after] pairs of a v2 `changes` object; anything else in it is skipped. */
export function changePairs(changes: unknown): { field: string; before: unknown; after: unknown }[] {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return [];
  return Object.entries(changes as Record<string, unknown>)
    .filter((e): e is [string, unknown[]] => Array.isArray(e[1]) && e[1].length === 2)
    .map(([field, [before, after]]) => ({ field, before, after }));
}

function Value({ v }: { v: unknown }) {
  if (v === null || v === undefined) return <EmptyValue />;
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return <span className="break-all font-mono text-xs">{text.length > 300 ? `${text.slice(0, 300)}…` : text}</span>;
}

export function ChangesTable({ changes, label = "Changes" }: { changes: unknown; label?: string }) {
  const pairs = changePairs(changes);
  if (pairs.length === 0) return <p className="text-sm text-muted-foreground">No field changes listed (FirstPromoter lists them for updates only).</p>;
  return (
    <div className="overflow-x-auto rounded-md border">
      <Table aria-label={label}>
        <TableHeader>
          <TableRow>
            <TableHead>Field</TableHead>
            <TableHead>Before</TableHead>
            <TableHead aria-label="After">→ After</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {pairs.map((p) => (
            <TableRow key={p.field}>
              <TableCell className="font-mono text-xs">{p.field}</TableCell>
              <TableCell className="text-muted-foreground">
                <Value v={p.before} />
              </TableCell>
              <TableCell>
                <Value v={p.after} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
