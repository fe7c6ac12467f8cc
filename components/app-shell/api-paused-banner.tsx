"use client";

import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";

type Paused = { pausedAt: string | null; pausedReason: string | null };

const POLL_MS = 30_000;

/**
 * For admins, on every page: FirstPromoter refuses the API key, so every send is paused. Rendered from
 * the layout's read, then kept current by polling (a layout is not re-rendered on navigation), so it
 * goes away once any call succeeds again.
 */
export function ApiPausedBanner({ initial }: { initial: Paused }) {
  const [state, setState] = useState(initial);
  useEffect(() => {
    const poll = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const res = await fetch("/api/firstpromoter/status", { cache: "no-store" });
        if (res.ok) setState((await res.json()) as Paused);
      } catch {
        // Offline for a moment: keep what we showed.
      }
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  if (!state.pausedAt) return null;
  return (
    <div role="alert" className="flex flex-wrap items-center gap-2 border-b border-destructive/40 bg-destructive/10 px-4 py-2 text-sm">
      <AlertTriangle className="size-4 shrink-0 text-destructive" aria-hidden />
      <span className="min-w-0 flex-1">
        FirstPromoter refused Ledger&apos;s API key: approvals and rejections are not reaching it. Sends resume as soon as a call succeeds.
      </span>
      <Link href="/settings" className="font-medium underline underline-offset-4">
        Check the key in Settings
      </Link>
    </div>
  );
}
