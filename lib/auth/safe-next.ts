/**
 * Only paths of this site: an open redirect after sign-in would hand the fresh session's browser to
 * a phishing page. Resolved the way a browser would (it drops tabs/newlines, treats "\\" as "/"),
 * then kept only if it stays on our origin.
 */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  const base = "http://ledger.invalid";
  try {
    const url = new URL(next, base);
    // A normalised path may still start with "//" ("/..//host"), which a browser reads as another host.
    if (url.origin !== base || url.pathname.startsWith("//")) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
