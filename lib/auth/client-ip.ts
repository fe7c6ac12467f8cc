import { isIP } from "node:net";

/** Header our server (scripts/server.ts) sets on every request; any incoming copy is replaced. */
export const CLIENT_IP_HEADER = "x-ledger-client-ip";

/** Addresses of reverse proxies whose X-Forwarded-For is believed (LEDGER_TRUSTED_PROXIES, comma-separated). */
export function trustedProxiesFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  return (env.LEDGER_TRUSTED_PROXIES ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

function normalise(ip: string): string {
  const v = ip.trim().replace(/^\[|\]$/g, "");
  return v.startsWith("::ffff:") && isIP(v.slice(7)) === 4 ? v.slice(7) : v;
}

/**
 * The client's address: the socket's peer, unless that peer is a configured trusted proxy, in which
 * case X-Forwarded-For is walked from the right past every trusted proxy. Without a trusted proxy
 * X-Forwarded-For is ignored entirely, since any client can send one.
 */
export function clientIp(socketAddress: string | undefined, forwardedFor: string | undefined, trustedProxies: string[]): string {
  const trusted = new Set(trustedProxies.map(normalise));
  let ip = normalise(socketAddress ?? "unknown");
  if (!trusted.has(ip) || !forwardedFor) return ip;
  const hops = forwardedFor.split(",").map(normalise).filter(Boolean);
  while (hops.length > 0 && trusted.has(ip)) ip = hops.pop() as string;
  return isIP(ip) ? ip : "unknown";
}
