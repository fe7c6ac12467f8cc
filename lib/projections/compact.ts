/**
 * An object without null/undefined values, or null when nothing is left: json columns merged key by
 * key (profile, custom_fields) treat a null value like an absent key, so it is never stored. Built
 * with Object.fromEntries (own data properties), so a key named `__proto__` stays a plain key.
 */
export function compact(o: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!o) return null;
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
  return Object.keys(out).length > 0 ? out : null;
}
