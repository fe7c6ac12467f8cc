"use client";

import { AlertTriangle, CheckCircle2, Loader2, PlugZap, XCircle } from "lucide-react";
import { useState, useTransition } from "react";
import { Amount } from "@/components/amount.tsx";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import type { TestResult } from "@/lib/firstpromoter-api/test-connection.ts";
import { testConnectionAction } from "../_lib/actions.ts";

/** Runs Test connection and shows, per stored fulfilment id checked, what FirstPromoter's API knows of it. */
export function TestConnection({ disabled }: { disabled: boolean }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<TestResult | { ok: false; message: string } | null>(null);
  const run = () =>
    start(async () => {
      const r = await testConnectionAction();
      setResult(r.ok && r.test ? r.test : { ok: false, message: r.ok ? "No answer" : r.error });
    });
  return (
    <div className="space-y-3">
      <Button onClick={run} disabled={pending || disabled}>
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : <PlugZap aria-hidden />} Test connection
      </Button>
      {result && (
        <Alert variant={result.ok ? "default" : "destructive"} role="status">
          {result.ok ? <CheckCircle2 aria-hidden /> : <AlertTriangle aria-hidden />}
          <AlertTitle>{result.ok ? "FirstPromoter answered" : "The test failed"}</AlertTitle>
          <AlertDescription>{result.message}</AlertDescription>
        </Alert>
      )}
      {result?.ok && "checked" in result && result.checked.length > 0 && (
        <div className="overflow-x-auto rounded-md border">
          <Table aria-label="Fulfilment ids checked with FirstPromoter">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Fulfilment id</TableHead>
                <TableHead className="text-right">In Ledger</TableHead>
                <TableHead>In FirstPromoter</TableHead>
                <TableHead>Same id?</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.checked.map((c) => (
                <TableRow key={c.id}>
                  <TableCell className="font-mono text-xs">{c.id}</TableCell>
                  <TableCell className="text-right">
                    <Amount value={c.ledger.amount} unit={c.ledger.unit} />
                  </TableCell>
                  <TableCell className="text-sm">
                    {c.firstPromoter ? (
                      <>
                        {c.firstPromoter.status}, <Amount value={c.firstPromoter.amount === null ? null : String(c.firstPromoter.amount)} unit={c.firstPromoter.unit} />
                      </>
                    ) : (
                      <span className="text-muted-foreground">not found</span>
                    )}
                  </TableCell>
                  <TableCell>
                    {c.matches ? (
                      <span className="inline-flex items-center gap-1 text-success">
                        <CheckCircle2 className="size-4" aria-hidden /> matches
                      </span>
                    ) : (
                      <span className="inline-flex items-center gap-1 text-destructive">
                        <XCircle className="size-4" aria-hidden /> {c.firstPromoter ? "amount or unit differs" : "unknown id"}
                      </span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
