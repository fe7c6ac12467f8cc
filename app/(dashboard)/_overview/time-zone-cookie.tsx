"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/overview/time-zone.ts";

const ONE_YEAR_S = 365 * 24 * 3600;

/**
 * Tells the server the browser's time zone, so the overview can count days the way the viewer does:
 * stores it in the tz cookie and, when that changed what the server saw (`seen`, the raw cookie it
 * read), re-renders the page once. The server validates the value; comparing with the raw cookie
 * (not with the zone the server settled on) means a zone it refuses cannot cause a refresh loop, and
 * a browser that refuses the cookie is not refreshed at all.
 */
export function TimeZoneCookie({ seen }: { seen: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === seen) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
    const stored = document.cookie.split("; ").some((c) => c === `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}`);
    if (stored) router.refresh();
  }, [seen, router]);
  return null;
}
