"use client";

import { useSyncExternalStore } from "react";

const noop = () => () => {};

/**
 * False during the server render and the hydration pass, true after: locale-dependent text (numbers,
 * dates) renders a fixed locale first and the viewer's locale once the browser takes over, so
 * hydration never sees two different texts.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noop, () => true, () => false);
}
