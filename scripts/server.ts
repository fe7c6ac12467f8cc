// The production server: Next's request handler behind a plain Node HTTP server, so the client's
// address comes from the socket (X-Forwarded-For only from LEDGER_TRUSTED_PROXIES), never from a
// header a client could forge. Run by `npm start` (scripts/start.ts), tests and the benchmark.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { CLIENT_IP_HEADER, clientIp, trustedProxiesFromEnv } from "@/lib/auth/client-ip.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? process.env.HOSTNAME ?? "127.0.0.1";
const trustedProxies = trustedProxiesFromEnv();

const app = next({ dev: false, dir: root, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const forwarded = req.headers["x-forwarded-for"];
  req.headers[CLIENT_IP_HEADER] = clientIp(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trustedProxies);
  handle(req, res).catch((err: unknown) => {
    console.error("[server] unhandled request error:", err);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "internal_error", message: "internal error" } }));
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`[server] listening on http://${hostname}:${port}`));

let closing = false;
function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`[server] ${signal}: closing`);
  // The outbox worker (started by instrumentation.ts) finishes and records the call under way.
  const worker = (globalThis as { ledgerOutboxWorker?: { stop(): Promise<void> } | null }).ledgerOutboxWorker;
  server.close(() => void (worker?.stop() ?? Promise.resolve()).finally(() => process.exit(0)));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
