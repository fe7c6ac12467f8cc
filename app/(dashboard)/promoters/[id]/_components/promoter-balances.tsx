import { EmptyValue } from "@/components/cell-text.tsx";
import Link from "next/link";
import { LocalTime } from "@/components/local-time.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import { BALANCE_SORTS, type BalanceKind, KIND_LABELS, unitLabel } from "@/lib/promoters/balance-units.ts";
import type { BalanceTableRow } from "@/lib/promoters/get-promoter.ts";
import { Amount } from "@/components/amount.tsx";

const KINDS: BalanceKind[] = ["earnings", "current", "paid"];

/** The promoter's balances: a row per unit, a column per kind (earned, owed now, paid out). */
export function PromoterBalances({ balances }: { balances: BalanceTableRow[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Balances</CardTitle>
        <CardDescription>As of FirstPromoter&apos;s newest snapshot of each unit. Current is what they are owed now.</CardDescription>
      </CardHeader>
      <CardContent>
        {balances.length === 0 ? (
          <p className="text-sm text-muted-foreground">No balances yet: FirstPromoter sends them with the promoter once they have earned a reward.</p>
        ) : (
          <div className="rounded-md border">
            <Table aria-label="Balances per unit">
              <TableHeader className="bg-muted/50">
                <TableRow className="hover:bg-transparent">
                  <TableHead>Unit</TableHead>
                  {KINDS.map((k) => (
                    <TableHead key={k} className="text-right">
                      {KIND_LABELS[k]}
                    </TableHead>
                  ))}
                  <TableHead className="hidden sm:table-cell">As of</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {balances.map((b) => (
                  <TableRow key={b.unit}>
                    <TableCell className="font-medium">
                      {BALANCE_SORTS.has(`${b.unit}_current`) ? (
                        <Link href={`/promoters?sort=${b.unit}_current.desc`} className="underline-offset-4 hover:underline" title={`All promoters by current ${unitLabel(b.unit).toLowerCase()} balance`}>
                          {unitLabel(b.unit)}
                        </Link>
                      ) : (
                        unitLabel(b.unit)
                      )}
                    </TableCell>
                    {KINDS.map((k) => (
                      <TableCell key={k} className="text-right tabular-nums">
                        {b[k] === null ? <EmptyValue /> : <Amount value={b[k]} unit={b.unit} />}
                      </TableCell>
                    ))}
                    <TableCell className="hidden text-muted-foreground sm:table-cell">
                      <LocalTime value={b.snapshotAt} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
