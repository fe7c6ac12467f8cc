// The production server: Next's request handler behind a plain Node HTTP server, so the client's
// address comes from the socket (X-Forwarded-For only from LEDGER_TRUSTED_PROXIES), never from a
// header a client could forge. Run by `npm start` (scripts/start.ts), tests and the benchmark, as
// `node --import tsx scripts/server.ts` (TSX_IMPORT in scripts/lib/stop-signals.ts says why not `tsx`).
//
// Stopping (SIGINT, SIGTERM, or scripts/start.ts's "stop" message): stop listening, close idle keep-alive
// connections, finish the requests in flight and answer them with `Connection: close` (a request that
// arrives meanwhile on a connection still open is served the same way: a 2xx always means stored), stop the
// outbox worker (it finishes and records the call in progress), close the database pool, exit 0. Whatever is
// still running after GRACE_MS, or when stopping is forced (a second signal; from npm start, its "force"
// message), is dropped unanswered: never acknowledged, so nothing acknowledged is lost.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { CLIENT_IP_HEADER, clientIp, trustedProxiesFromEnv } from "@/lib/auth/client-ip.ts";
import { type ServerControl, SERVER_GRACE_MS as GRACE_MS, onStopSignals } from "./lib/stop-signals.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? process.env.HOSTNAME ?? "127.0.0.1";
const trustedProxies = trustedProxiesFromEnv();

const log = (m: string) => console.log(`[server] ${m}`);
type Worker = { stop(): Promise<void> };
type Slots = { ledgerOutboxWorker?: Worker | null; ledgerDb?: { pool: { end(): Promise<void> } } };
const slots = globalThis as Slots;

let server: http.Server | undefined;
const inFlight = new Set<http.ServerResponse>();
type Stopping = { since: number; answered: number };
// Set by requestStop() from signal and message handlers: typed so that reads after an await are not
// narrowed to the initial null.
let stopping = null as Stopping | null;
let forceStop: (() => void) | null = null;

const app = next({ dev: false, dir: root, hostname, port });
const preparing = app.prepare();

// Installed before prepare() ends: a signal during start-up still stops cleanly (after prepare, without listening).
const supervised = typeof process.send === "function";
if (supervised) {
  // Under npm start (which opened this IPC channel), Ctrl-C reaches this process directly too (the terminal
  // signals the whole process group): start stopping at once. Whether a later signal is a second Ctrl-C or a
  // copy of the first (npm relays it; npm start may send SIGTERM) only npm start can tell: it sends "force".
  process.on("SIGINT", () => requestStop("SIGINT"));
  process.on("SIGTERM", () => requestStop("SIGTERM"));
  // Whatever the parent sends arrives here, not only ServerControl messages.
  process.on("message", (m: Partial<ServerControl> | null) => {
    if (m?.ledger !== "stop") return;
    requestStop("npm start is stopping");
    if (m.force) forceStop?.();
  });
  // npm start went away without saying so (killed): don't serve on without it.
  process.on("disconnect", () => requestStop("npm start is gone"));
} else {
  onStopSignals({
    first: (signal) => requestStop(signal),
    again: (signal) => {
      log(`${signal} again: not waiting any longer`);
      forceStop?.();
    },
  });
}

await preparing;
if (!stopping) listen();

function listen(): void {
  const handle = app.getRequestHandler();
  server = http.createServer((req, res) => {
    inFlight.add(res);
    res.once("close", () => {
      inFlight.delete(res);
      if (!stopping) return;
      if (res.writableFinished) stopping.answered++;
      // A response whose headers went out before the stop left its connection open: close it now it is idle.
      setImmediate(() => server?.closeIdleConnections());
    });
    // Stopping: serve it (it may already be stored by the time it could be refused), but end the connection.
    if (stopping) res.shouldKeepAlive = false;
    const forwarded = req.headers["x-forwarded-for"];
    req.headers[CLIENT_IP_HEADER] = clientIp(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trustedProxies);
    handle(req, res).catch((err: unknown) => {
      console.error("[server] unhandled request error:", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal_error", message: "internal error" } }));
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => log(`listening on http://${hostname}:${port}`));
}

function requestStop(reason: string): void {
  if (stopping) return;
  const state: Stopping = { since: performance.now(), answered: 0 };
  stopping = state;
  void stop(reason, state).finally(() => process.exit(0));
}

async function stop(reason: string, state: Stopping): Promise<void> {
  const forced = new Promise<"forced">((resolve) => (forceStop = () => resolve("forced")));
  const timedOut = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), GRACE_MS).unref());
  if (!server) {
    log(`${reason}: stopping before the server listened`);
    // prepare() cannot be cancelled; the worker it started must still stop properly.
    if ((await Promise.race([preparing.then(() => "ready" as const), forced, timedOut])) !== "ready") return;
  } else {
    const open = inFlight.size;
    log(`${reason}: not accepting connections; finishing ${open} request${open === 1 ? "" : "s"} in flight`);
  }

  const worker = slots.ledgerOutboxWorker;
  // Set in workerStop's callbacks: typed so that reading it after the await is not narrowed to false.
  let workerStopped = false as boolean;
  const workerStop = (worker?.stop() ?? Promise.resolve()).then(
    () => void (workerStopped = true),
    (err: unknown) => {
      workerStopped = true;
      console.error("[server] stopping the outbox worker:", err);
    },
  );
  const outcome = await Promise.race([Promise.all([drain(), workerStop]).then(() => "done" as const), forced, timedOut]);

  const seconds = ((performance.now() - state.since) / 1000).toFixed(1);
  const answered = state.answered;
  if (outcome === "done") {
    // Not needed for the data (every answer waited for its commit), but a clean goodbye to Postgres.
    const pool = slots.ledgerDb?.pool;
    if (pool) await Promise.race([pool.end().catch(() => {}), new Promise((r) => setTimeout(r, 1_000).unref())]);
    log(`stopped in ${seconds} s (${answered} request${answered === 1 ? "" : "s"} answered while stopping)`);
    return;
  }
  const dropped = inFlight.size;
  server?.closeAllConnections();
  log(
    `${outcome === "forced" ? "stopping now" : `still busy after ${GRACE_MS / 1000} s`}: ${answered} request${answered === 1 ? "" : "s"} answered while stopping, ` +
      `${dropped} dropped unanswered (never acknowledged)` +
      (workerStopped ? "" : "; the outbox worker's call in progress is left to its lease (read back after the next start)"),
  );
}

/** Resolves once the server has closed: no listener, no connection left. */
function drain(): Promise<void> {
  const s = server;
  if (!s) return Promise.resolve();
  return new Promise((resolve) => {
    s.close(() => resolve());
    // Responses not started yet go out with `Connection: close`; idle keep-alive connections close now.
    for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    s.closeIdleConnections();
  });
}
