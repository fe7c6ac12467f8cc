// The viewer's time zone for the overview's day buckets. The server cannot know it: a small client
// component (app/(dashboard)/_overview/time-zone-cookie.tsx) stores the browser's zone in a cookie,
// and this module decides whether to believe it. Client-safe (no server imports).

/** The cookie the browser's zone is kept in (the server reads it, the client writes it). */
export const TIME_ZONE_COOKIE = "tz";
export const DEFAULT_TIME_ZONE = "UTC";

/** IANA names: "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "UTC". */
const SHAPE = /^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+){0,2}$/;
const MAX_LENGTH = 64;

let known: Set<string> | undefined;
function knownZones(): Set<string> {
  // Intl's list holds canonical names only (and not "UTC" itself in Node 20).
  known ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC", "Etc/UTC"]);
  return known;
}

/**
 * The zone named by `raw`, in its canonical spelling, or null when it is not a zone Intl knows.
 * Aliases a browser may report ("Asia/Kolkata" where Node's list has "Asia/Calcutta", "Europe/Kyiv")
 * are accepted when Intl resolves them to a listed zone; the name is kept as sent, which Postgres
 * also knows under that name.
 */
export function parseTimeZone(raw: string | null | undefined): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH || !SHAPE.test(raw)) return null;
  const zones = knownZones();
  if (zones.has(raw)) return raw;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  // Fixed offsets ("Etc/GMT+5") resolve to themselves but are not in the list.
  if (!zones.has(resolved) && !/^Etc\/GMT[+-]\d{1,2}$/.test(resolved)) return null;
  // Intl matches case-insensitively ("europe/berlin"): use its spelling, unless the input is a
  // differently named alias of it, which is kept as sent (Postgres knows the IANA aliases too).
  return resolved.toLowerCase() === raw.toLowerCase() ? resolved : raw;
}
