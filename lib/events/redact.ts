// Credentials never reach the database or the logs. FirstPromoter sends `temp_password` on
// promoter_signed_up and may send `auth_token`; any key named like a password, token or secret goes too.
// Matched on whole words of the key (temp_password, auth_token, apiSecret, x-api-key), so
// passport_country or bypass_reason stay.
const CREDENTIAL_WORDS = new Set(["password", "passwords", "passwd", "pass", "pwd", "passphrase", "token", "tokens", "secret", "secrets", "apikey", "credential", "credentials"]);

/** Keys with a credential word that are public: v2's ref_token is the promoter's referral code (it is in their ref link). */
const NOT_CREDENTIALS = new Set(["ref_token"]);

const verdicts = new Map<string, boolean>();

function isCredentialKey(key: string): boolean {
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  const verdict = classify(key);
  if (verdicts.size < 10_000) verdicts.set(key, verdict); // payload keys repeat; bounded against hostile input
  return verdict;
}

function classify(key: string): boolean {
  if (NOT_CREDENTIALS.has(key)) return false;
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/[^a-z0-9]+/);
  return words.some((w, i) => CREDENTIAL_WORDS.has(w) || (w === "api" && words[i + 1] === "key"));
}

/** Postgres stores neither NUL nor unpaired UTF-16 surrogates in text/jsonb: both become U+FFFD. */
function storable(s: string): string {
  const wellFormed = s.isWellFormed() ? s : s.toWellFormed();
  return wellFormed.includes("\u0000") ? wellFormed.replaceAll("\u0000", "\uFFFD") : wellFormed;
}

/**
 * A deep copy of a parsed JSON value without credential values (their keys go: nothing is left to
 * leak), every other key kept. Copies are objects without a prototype, so a key named `__proto__` is a
 * plain key here (on a `{}` its assignment would replace the copy's prototype and lose the key, and
 * the keys beside it would read through to the sender's object). Depth is bounded by the caller
 * (scanJson refuses deeper bodies), so the recursion is too.
 */
export function redact(value: unknown, opts: { storable: boolean } = { storable: true }): unknown {
  if (typeof value === "string") return opts.storable ? storable(value) : value;
  if (Array.isArray(value)) return value.map((v) => redact(v, opts));
  if (value && typeof value === "object") {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [key, v] of Object.entries(value) as [string, unknown][]) {
      if (isCredentialKey(key)) continue;
      out[opts.storable ? storable(key) : key] = redact(v, opts);
    }
    return out;
  }
  return value;
}

/** Whether a raw JSON body could hold a credential-like key (a cheap test before redacting a copy). */
export function mayHoldCredentials(jsonText: string): boolean {
  return /pass|pwd|token|secret|api.?key|credential/i.test(jsonText);
}

/** The same tree with every object rebuilt without a prototype (bodies that hold __proto__ & co. as keys). */
export function withoutPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrototypes);
  if (value && typeof value === "object") {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [key, v] of Object.entries(value) as [string, unknown][]) out[key] = withoutPrototypes(v);
    return out;
  }
  return value;
}

/**
 * Whether a raw JSON body could hold anything redact() changes: a credential-like key or a NUL or
 * surrogate escape. When not, the parsed body is stored as it is (no copy, no re-serialising).
 */
export function mayNeedRedaction(jsonText: string): boolean {
  return /pass|pwd|token|secret|api.?key|credential|\\u0000|\\ud[89a-f]/i.test(jsonText);
}
