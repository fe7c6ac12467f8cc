import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { DEFAULT_TIME_ZONE, parseTimeZone } from "./time-zone.ts";

export type ViewerTimeZone = {
  /** The zone the overview buckets days in, spelled as Postgres knows it. */
  zone: string;
  /** "browser": from the tz cookie; "default": no usable cookie, so UTC. */
  source: "browser" | "default";
  /** The cookie's value when it was present but not used (unknown to Intl or to Postgres). */
  rejected: string | null;
};

/**
 * Whether Postgres knows each zone Intl accepted (their tz databases can differ in age), memoised for
 * the process: the answer only changes with a Postgres upgrade. A bounded set: only names Intl accepts get here.
 */
const postgresSpelling = new Map<string, string | null>();

/** The overview's time zone from the tz cookie: validated by Intl, then by Postgres; UTC otherwise. */
export async function resolveTimeZone(prisma: PrismaClient, cookie: string | undefined): Promise<ViewerTimeZone> {
  if (!cookie) return { zone: DEFAULT_TIME_ZONE, source: "default", rejected: null };
  const zone = parseTimeZone(cookie);
  if (!zone) return { zone: DEFAULT_TIME_ZONE, source: "default", rejected: cookie.slice(0, 64) };
  let spelled = postgresSpelling.get(zone);
  if (spelled === undefined) {
    try {
      // pg_timezone_names reads the zone files (tens of ms), hence the memo.
      const [row] = await prisma.$queryRaw<{ name: string }[]>(
        Prisma.sql`SELECT name FROM pg_timezone_names WHERE lower(name) = lower(${zone}) ORDER BY name = ${zone} DESC LIMIT 1`,
      );
      spelled = row?.name ?? null;
      postgresSpelling.set(zone, spelled);
    } catch {
      // Database unreachable: each section reports that itself; the zone stays as Intl accepted it.
      return { zone, source: "browser", rejected: null };
    }
  }
  return spelled ? { zone: spelled, source: "browser", rejected: null } : { zone: DEFAULT_TIME_ZONE, source: "default", rejected: zone };
}
