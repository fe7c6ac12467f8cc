import { createHash, timingSafeEqual } from "node:crypto";

/** The secrets a delivery may present: the current one and, during rotation, the previous one. */
export function configuredSecrets(env: Record<string, string | undefined> = process.env): string[] {
  return [env.WEBHOOK_SECRET, env.WEBHOOK_SECRET_PREVIOUS].filter((s): s is string => !!s && s.length > 0);
}

/** The secret a request presents: `Authorization: Bearer <secret>` wins over the last path segment. */
export function presentedSecret(authorization: string | null, pathSecret: string | undefined): string | null {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return bearer || pathSecret || null;
}

/**
 * The secret a v2 request presents: `Authorization: Bearer <secret>` (a custom header on the
 * subscription) or HTTP Basic whose password is the secret (basic_auth_user + basic_auth_password; any
 * user name). No path secret: the v2 URL is static.
 */
export function presentedSecretV2(authorization: string | null): string | null {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer) return bearer;
  const basic = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i)?.[1];
  if (!basic) return null;
  const decoded = Buffer.from(basic, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const password = colon >= 0 ? decoded.slice(colon + 1) : "";
  return password || null;
}

/**
 * Constant-time check. Both sides are hashed first so the comparison never depends on the
 * secret's length, and every configured secret is compared (no early exit reveals which matched).
 */
export function verifySecret(presented: string | null, secrets: string[]): boolean {
  if (!presented || secrets.length === 0) return false;
  const given = sha256(presented);
  let ok = false;
  for (const secret of secrets) ok = timingSafeEqual(given, digestOf(secret)) || ok;
  return ok;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest();

// The configured secrets' digests, computed once (a rotation changes the env and restarts the process).
const digests = new Map<string, Buffer>();
function digestOf(secret: string): Buffer {
  let d = digests.get(secret);
  if (!d) digests.set(secret, (d = sha256(secret)));
  return d;
}
