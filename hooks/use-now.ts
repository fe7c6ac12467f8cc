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
    const tick = () => setNow(new Date());
    // The first reading right away (in a task, not during the effect: no cascading render), then every interval.
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, intervalMs]);
  return now;
}
