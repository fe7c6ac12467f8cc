"use client";

import { useEffect, useState } from "react";

/**
 * The current time, re-read every `intervalMs` while `active` (a countdown ticking, nothing otherwise).
 * Starts from `initial` so the server render and the hydration pass agree.
 */
export function useNow(initial: Date, active: boolean, intervalMs = 1_000): Date {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    if (!active) return;
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
