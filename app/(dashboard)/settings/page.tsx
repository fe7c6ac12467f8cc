import type { Metadata } from "next";
import Link from "next/link";
import { DETAIL_LINK_CLASS } from "@/components/cell-text.tsx";
import { Fact } from "@/components/fact.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { PageHeader } from "@/components/page-header.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { getConnectionStatus } from "@/lib/firstpromoter-api/get-connection-status.ts";
import { NotConnectedCommands } from "./_components/not-connected-commands.tsx";
import { TestConnection } from "./_components/test-connection.tsx";

// /settings (admins only): the FirstPromoter API connection — configured or not, the account id,
// the key masked, the last success and error, Test connection — and the decisions that wait for it.

export const metadata: Metadata = { title: "Settings" };

const STATE = {
  connected: { label: "Connected", variant: "success" },
  paused: { label: "Paused: key refused", variant: "destructive" },
  not_connected: { label: "Not connected", variant: "secondary" },
  incomplete: { label: "Incomplete", variant: "warning" },
} as const;

export default async function SettingsPage() {
  await requireUser({ role: "admin" });
  const s = await getConnectionStatus(db().prisma);
  const configured = s.state === "connected" || s.state === "paused";
  const open = (s.commands.scheduled ?? 0) + (s.commands.in_flight ?? 0) + (s.commands.waiting ?? 0) + (s.commands.queued ?? 0);
  const failed = s.commands.failed ?? 0;
  const notConnected = s.commands.not_connected ?? 0;
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-4 md:p-6">
      <PageHeader title="Settings" description="How Ledger reaches FirstPromoter's API to fulfil and deny what admins decide here." />

      <Card>
        <CardHeader>
          <div className="flex flex-wrap items-center gap-3">
            <CardTitle>FirstPromoter API</CardTitle>
            <Badge variant={STATE[s.state].variant}>{STATE[s.state].label}</Badge>
          </div>
          <CardDescription>
            Approving a fulfilment sends <code className="font-mono">mark_fulfilled</code>, rejecting sends <code className="font-mono">deny</code>, {s.sendDelayS} s
            after the decision (undo works until then). Calls stay under {s.budget.perWindow} per {s.budget.windowS} s across every Ledger instance.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          {s.state === "paused" && (
            <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm">
              FirstPromoter refused the API key <LocalTime value={s.pausedAt} />: every send is paused until a call succeeds. Check FIRSTPROMOTER_API_KEY
              and FIRSTPROMOTER_ACCOUNT_ID, restart Ledger if you changed them, then Test connection. {s.pausedReason}
            </p>
          )}
          <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
            <Fact label="API URL">
              <span className="font-mono text-xs break-all">{s.apiUrl}</span>
              {s.customUrl && <span className="block text-xs text-muted-foreground">not FirstPromoter&apos;s own (FIRSTPROMOTER_API_URL)</span>}
            </Fact>
            <Fact label="Account id">{s.accountId ? <span className="font-mono">{s.accountId}</span> : <span className="text-muted-foreground">not set</span>}</Fact>
            <Fact label="API key">{s.keyMasked ? <span className="font-mono">{s.keyMasked}</span> : <span className="text-muted-foreground">not set</span>}</Fact>
            <Fact label="Last successful call">{s.lastSuccessAt ? <LocalTime value={s.lastSuccessAt} /> : <span className="text-muted-foreground">none yet</span>}</Fact>
            <Fact label="Last error" className="sm:col-span-2">
              {s.lastError ? (
                <>
                  <LocalTime value={s.lastErrorAt} />: <span className="break-words">{s.lastError}</span>
                </>
              ) : (
                <span className="text-muted-foreground">none</span>
              )}
            </Fact>
            {s.rateLimitedUntil && s.rateLimitedUntil > new Date() && (
              <Fact label="Rate limited (429) until">
                <LocalTime value={s.rateLimitedUntil} />
              </Fact>
            )}
          </dl>
          {configured ? (
            <div className="space-y-2">
              <p className="text-sm text-muted-foreground">
                Looks up the newest stored fulfilments in FirstPromoter&apos;s API (<code className="font-mono">GET /commissions?ids[]=…</code>). Ledger sends a
                fulfilment&apos;s own id, which FirstPromoter calls &quot;the ID of the reward record&quot;; that it equals the commission id its API takes is an
                assumption this test checks.
              </p>
              <TestConnection disabled={false} />
            </div>
          ) : (
            <HowToConnect missing={s.missing} />
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>The outbox</CardTitle>
          <CardDescription>Decisions on their way to FirstPromoter, and those that need you.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4 text-sm">
          <ul className="grid gap-2 sm:grid-cols-3">
            <li>
              <span className="text-2xl font-semibold tabular-nums">{open.toLocaleString("en-US")}</span> on their way
            </li>
            <li>
              <Link href="/fulfilments?sync_state=failed,deny_failed,unfulfil_failed" className={DETAIL_LINK_CLASS}>
                <span className="text-2xl font-semibold tabular-nums">{failed.toLocaleString("en-US")}</span> failed
              </Link>{" "}
              <span className="text-muted-foreground">(retry or settle)</span>
            </li>
            <li>
              <Link href="/fulfilments?sync_state=not_connected,answered_200" className={DETAIL_LINK_CLASS}>
                <span className="text-2xl font-semibold tabular-nums">{notConnected.toLocaleString("en-US")}</span> waiting for the API
              </Link>
            </li>
          </ul>
          {notConnected > 0 && <NotConnectedCommands count={notConnected} connected={configured} />}
        </CardContent>
      </Card>
    </main>
  );
}

function HowToConnect({ missing }: { missing: string[] }) {
  return (
    <div className="space-y-2 text-sm">
      <p>
        Not connected: approvals and rejections are kept here and wait. FirstPromoter learns of an approval only if it sends the fulfilment again and
        Ledger answers 200, which it may never do. To connect:
      </p>
      <ol className="list-decimal space-y-1 pl-5">
        <li>
          In FirstPromoter, open <strong>Settings → Integrations → Manage API Keys</strong> and add a key; the <strong>Account ID</strong> is shown in the same
          panel.
        </li>
        <li>
          Set <code className="font-mono">FIRSTPROMOTER_API_KEY</code> and <code className="font-mono">FIRSTPROMOTER_ACCOUNT_ID</code> in Ledger&apos;s
          environment (see <code className="font-mono">.env.example</code>) and restart Ledger.
        </li>
        <li>Come back here and use Test connection, then check and send the decisions that waited.</li>
      </ol>
      {missing.length === 1 && <p className="text-warning">Only one of the two is set: {missing[0]} is missing.</p>}
    </div>
  );
}
