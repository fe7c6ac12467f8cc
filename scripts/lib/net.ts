import net from "node:net";

/** Whether a TCP port can be listened on at host right now. */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port number from an environment variable, or the fallback; throws on anything else. */
export function portFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${name} must be a port number (1-65535), got "${raw}"`);
  return port;
}

/** localhost, 127.0.0.0/8 and ::1 (as URL.hostname spells them). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || h === "::ffff:127.0.0.1";
}

/** The URL a browser on this machine uses for a server bound to host (0.0.0.0 and :: mean every interface). */
export function urlForHost(host: string, port: number): string {
  if (host === "0.0.0.0" || host === "::" || host === "[::]") return `http://localhost:${port}`;
  return `http://${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}
