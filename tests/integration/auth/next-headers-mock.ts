// Stands in for `next/headers` in the auth integration tests (vi.mock("next/headers", () => import(…))):
// the server actions and lib/auth read the request through it, and the test decides what that request
// is — no cookie (anonymous) or a real session cookie issued by better-auth. Cookies the code sets are
// recorded in `setCookies` (better-auth itself loads the real module and skips writing outside Next).

let current = new Headers();
export const setCookies = new Map<string, string>();

/** The request the next server action / lib call sees. */
export function setRequestHeaders(h: Headers): void {
  current = new Headers(h);
  setCookies.clear();
}

function parseCookies(): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (current.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

export async function headers(): Promise<Headers> {
  return current;
}

export async function cookies() {
  const jar = parseCookies();
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) as string } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string) => void setCookies.set(name, value),
    delete: (name: string) => void setCookies.set(name, ""),
    toString: () => current.get("cookie") ?? "",
  };
}

export async function draftMode() {
  return { isEnabled: false, enable() {}, disable() {} };
}
