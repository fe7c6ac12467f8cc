import { Webhook } from "lucide-react";
import Link from "next/link";

/** The overview before anything reached the webhook: how data gets here. */
export function OverviewEmptyState() {
  return (
    <section aria-labelledby="overview-empty-title" className="rounded-xl border border-dashed bg-card p-6 text-card-foreground sm:p-10">
      <div className="mx-auto max-w-2xl space-y-4 text-sm">
        <div className="flex items-center gap-3">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-muted">
            <Webhook className="size-5 text-muted-foreground" aria-hidden />
          </span>
          <h2 id="overview-empty-title" className="text-lg font-semibold">
            No webhooks received yet
          </h2>
        </div>
        <p className="text-muted-foreground">
          Ledger builds this page from the webhooks FirstPromoter sends: every lead, reward and fulfilment arrives as an event at{" "}
          <code className="rounded bg-muted px-1 py-0.5 font-mono text-foreground">/api/webhooks/firstpromoter</code> on this server.
        </p>
        <ol className="list-decimal space-y-2 pl-5 text-muted-foreground">
          <li>
            In FirstPromoter, open <span className="text-foreground">Settings → Integrations → Webhooks</span> and add the webhook URL that{" "}
            <code className="font-mono text-foreground">npm start</code> printed: this server&apos;s address followed by{" "}
            <code className="font-mono text-foreground">/api/webhooks/firstpromoter</code>, with the secret as{" "}
            <code className="font-mono text-foreground">Authorization: Bearer &lt;WEBHOOK_SECRET&gt;</code> or as the last path segment (
            <code className="font-mono break-all text-foreground">/api/webhooks/firstpromoter/&lt;WEBHOOK_SECRET&gt;</code>).
          </li>
          <li>
            Events appear here as they arrive; refused deliveries (a wrong secret, a malformed body) are listed under{" "}
            <Link href="/events/deliveries" className="text-foreground underline underline-offset-4 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
              Events → Deliveries
            </Link>
            .
          </li>
          <li>
            To try Ledger without FirstPromoter, post a simulated stream: <code className="font-mono text-foreground">npm run simulate</code> (see the README).
          </li>
        </ol>
      </div>
    </section>
  );
}
