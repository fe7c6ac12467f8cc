"use client";

import { EmptyValue } from "@/components/cell-text.tsx";
import { useSyncExternalStore } from "react";

const noop = () => () => {};

/** True after hydration: the server (and the hydration pass) render UTC, the browser then re-renders locally. */
function useHydrated(): boolean {
  return useSyncExternalStore(noop, () => true, () => false);
}

/** A timestamp in the viewer's locale and time zone (UTC until the browser takes over). */
export function LocalTime({ value, dateOnly = false }: { value: Date | string | null; dateOnly?: boolean }) {
  const hydrated = useHydrated();
  if (!value) return <EmptyValue />;
  const date = typeof value === "string" ? new Date(value) : value;
  const iso = date.toISOString();
  const text = hydrated
    ? date.toLocaleString(undefined, dateOnly ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "medium" })
    : iso.replace("T", " ").slice(0, dateOnly ? 10 : 19) + (dateOnly ? "" : " UTC");
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
