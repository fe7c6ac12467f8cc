// Credentials never reach the database or the logs. FirstPromoter sends `temp_password` on
// promoter_signed_up and may send `auth_token`; any key named like a password, token or secret goes too.
const CREDENTIAL_KEY = /pass(word)?|token|secret|api_?key|credential/i;

/**
 * A deep copy of a parsed JSON value without credential keys. NUL characters, which Postgres
 * cannot store in text or jsonb, become U+FFFD so the rest of the event can still be kept.
 */
export function redact(value: unknown): unknown {
  if (typeof value === "string") return value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (CREDENTIAL_KEY.test(key)) continue;
      out[key.includes("\u0000") ? key.replaceAll("\u0000", "\uFFFD") : key] = redact(v);
    }
    return out;
  }
  return value;
}
