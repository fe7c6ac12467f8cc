"use client";

import { AlertTriangle, Loader2, Search, Send } from "lucide-react";
import Link from "next/link";
import { useState, useTransition } from "react";
import { LINK_CLASS } from "@/components/cell-text.tsx";
import { Alert, AlertDescription } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import type { ReconcileItem, ReconcileResult } from "@/lib/outbox/reconcile-not-connected.ts";
import { reconcileAction, sendNotConnectedAction } from "../_lib/actions.ts";

const MAX_LISTED = 50;

/**
 * Commands decided while no API key was set: first read back what FirstPromoter already shows (done
 * ones are settled without a send), then send the rest on the admin's word.
 */
export function NotConnectedCommands({ count, connected }: { count: number; connected: boolean }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ReconcileResult | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!connected) {
    return (
      <p className="text-sm text-muted-foreground">
        {count.toLocaleString("en-US")} decision{count === 1 ? "" : "s"} wait for the API. Once it is connected, check them here against FirstPromoter before anything is sent.
      </p>
    );
  }
  const check = () =>
    start(async () => {
      const r = await reconcileAction();
      setMessage({ ok: r.ok, text: r.ok ? (r.message ?? "") : r.error });
      if (r.ok && r.reconcile) setResult(r.reconcile);
    });
  const send = () =>
    start(async () => {
      const r = await sendNotConnectedAction();
      setMessage({ ok: r.ok, text: r.ok ? (r.message ?? "") : r.error });
      if (r.ok) setResult(null);
    });
  return (
    <div className="space-y-3 text-sm">
      <p>
        {count.toLocaleString("en-US")} decision{count === 1 ? " was" : "s were"} made while no API key was set. Check them with FirstPromoter first: those it
        already shows fulfilled or denied are settled without a send.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={check} disabled={pending || count === 0}>
          {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Search aria-hidden />} Check with FirstPromoter
        </Button>
        {result && result.remaining.length + result.unknown.length > 0 && (
          <Button onClick={send} disabled={pending}>
            <Send aria-hidden /> Send the {(result.remaining.length + result.unknown.length).toLocaleString("en-US")} still to do
          </Button>
        )}
      </div>
      {message && (
        <Alert variant={message.ok ? "default" : "destructive"} role="status">
          {!message.ok && <AlertTriangle aria-hidden />}
          <AlertDescription>{message.text}</AlertDescription>
        </Alert>
      )}
      {result && (
        <div className="grid gap-4 md:grid-cols-3">
          <Listed title="Already done in FirstPromoter" items={result.settled} />
          <Listed title="To send" items={result.remaining} />
          <Listed title="Unknown to FirstPromoter (will fail)" items={result.unknown} />
        </div>
      )}
    </div>
  );
}

function Listed({ title, items }: { title: string; items: ReconcileItem[] }) {
  return (
    <section className="min-w-0 space-y-1">
      <h3 className="text-xs font-medium text-muted-foreground">
        {title} ({items.length.toLocaleString("en-US")})
      </h3>
      {items.length === 0 ? (
        <p className="text-muted-foreground">None.</p>
      ) : (
        <ul className="space-y-0.5">
          {items.slice(0, MAX_LISTED).map((i) => (
            <li key={i.fulfilmentId} className="truncate">
              <Link href={`/fulfilments/${i.fulfilmentId}`} className={`font-mono text-xs ${LINK_CLASS}`}>
                {i.fulfilmentId}
              </Link>{" "}
              <span className="text-muted-foreground">
                {i.kind.replaceAll("_", " ")} · {i.firstPromoter}
              </span>
            </li>
          ))}
          {items.length > MAX_LISTED && <li className="text-muted-foreground">and {(items.length - MAX_LISTED).toLocaleString("en-US")} more</li>}
        </ul>
      )}
    </section>
  );
}
