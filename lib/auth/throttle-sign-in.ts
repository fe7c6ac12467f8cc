import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

// Sign-in attempts are limited per client IP and per email, in Postgres so every app instance
// shares the count. Fixed windows: simple, and one statement per attempt.
export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  perEmail: 8,
  perIp: 30,
};

export type ThrottleResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export async function throttleSignIn(
  prisma: PrismaClient,
  { ip, email }: { ip: string; email: string },
  limits = SIGN_IN_LIMITS,
): Promise<ThrottleResult> {
  const emailKey = `sign-in:email:${email.trim().toLowerCase()}`;
  const ipKey = `sign-in:ip:${ip}`;
  const rows = await prisma.$queryRaw<{ key: string; count: number; retry_after: number }[]>`
    INSERT INTO auth_throttle AS t (key, window_start, count)
    VALUES (${emailKey}, now(), 1), (${ipKey}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      window_start = CASE WHEN t.window_start <= now() - make_interval(secs => ${limits.windowSeconds}) THEN now() ELSE t.window_start END,
      count = CASE WHEN t.window_start <= now() - make_interval(secs => ${limits.windowSeconds}) THEN 1 ELSE t.count + 1 END
    RETURNING key, count,
      ceil(extract(epoch FROM (window_start + make_interval(secs => ${limits.windowSeconds}) - now())))::int AS retry_after`;
  let retryAfter = 0;
  for (const r of rows) {
    const max = r.key === emailKey ? limits.perEmail : limits.perIp;
    if (r.count > max) retryAfter = Math.max(retryAfter, r.retry_after, 1);
  }
  return retryAfter > 0 ? { ok: false, retryAfterSeconds: retryAfter } : { ok: true };
}

/** A successful sign-in clears the email's count (the IP's stays: it may be guessing other accounts). */
export async function clearEmailThrottle(prisma: PrismaClient, email: string): Promise<void> {
  await prisma.$executeRaw`DELETE FROM auth_throttle WHERE key = ${`sign-in:email:${email.trim().toLowerCase()}`}`;
}
