// The server under test on a free loopback port, pointed at the bench database, with LEDGER_BENCH=1 (enables
// /api/bench/noop): `next start`, or scripts/server.ts (Next's handler behind a plain Node HTTP server, what
// `npm start` runs), run in one process (node --import tsx) so its CPU can be read and profiled. Its output is
// kept (last lines) for error reports.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { waitForHealth } from "../../scripts/lib/wait-for-health.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NEXT_BIN = createRequire(path.join(ROOT, "package.json")).resolve("next/dist/bin/next");
const HOST = "127.0.0.1";

export type Server = {
  url: string;
  pid: number | undefined;
  /** Why the process is gone, or null while it runs. */
  exitReason(): string | null;
  /** The last lines it printed. */
  tail(lines?: number): string;
  /** CPU seconds (user + system) the server process has used so far; null where /proc isn't available. */
  cpuSeconds(): number | null;
  /** Lines it printed that look like errors (the webhook logs unexpected errors with the event id). */
  errorLines(): string[];
  /** SIGTERM, then SIGKILL after timeoutMs. Safe to call twice. */
  stop(timeoutMs?: number): Promise<void>;
};

export type ServerKind = "next" | "custom";

export type StartServerOptions = {
  kind: ServerKind;
  databaseUrl: string;
  secret: string;
  /** Write a V8 CPU profile of the server into this folder (node --cpu-prof), on exit. */
  cpuProfDir?: string;
  log(msg: string): void;
};

export async function startServer(opts: StartServerOptions): Promise<Server> {
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const nodeArgs = opts.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: opts.databaseUrl,
    WEBHOOK_SECRET: opts.secret,
    LEDGER_BENCH: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    // The admin UI's auth needs these to start; the webhook and the no-op route don't use them.
    LEDGER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    LEDGER_URL: url,
    PORT: String(port),
    HOST,
  };
  delete env.WEBHOOK_SECRET_PREVIOUS;
  delete env.HOSTNAME;

  const args =
    opts.kind === "next"
      ? [...nodeArgs, NEXT_BIN, "start", "-p", String(port), "-H", HOST]
      : [...nodeArgs, "--import", "tsx", "scripts/server.ts"];
  const label = opts.kind === "next" ? "next start" : "scripts/server.ts";
  opts.log(`starting ${label} on ${url}${opts.cpuProfDir ? ` (CPU profile into ${opts.cpuProfDir})` : ""}`);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });

  const lines: string[] = [];
  const errors: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (/error|unexpected|unavailable/i.test(line) && errors.length < 50) errors.push(line);
    }
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);

  let exitReason: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.on("exit", (code, signal) => {
      exitReason = `${label} exited (${signal ?? `exit code ${code}`})`;
      resolve();
    });
    child.on("error", (err) => {
      exitReason = `${label} failed to start: ${err.message}`;
      resolve();
    });
  });

  const server: Server = {
    url,
    pid: child.pid,
    exitReason: () => exitReason,
    tail: (n = 30) => lines.slice(-n).join("\n"),
    errorLines: () => [...errors],
    cpuSeconds: () => (child.pid && !exitReason ? processCpuSeconds(child.pid) : null),
    stop: async (timeoutMs = 10_000) => {
      if (exitReason) return;
      child.kill("SIGTERM");
      if (await settles(exited, timeoutMs)) return;
      opts.log(`${label} (pid ${child.pid}) did not stop within ${timeoutMs / 1000} s: killing it`);
      child.kill("SIGKILL");
      await settles(exited, 5_000);
    },
  };

  try {
    await waitForHealth(url, { timeoutMs: 60_000, gaveUp: () => exitReason });
  } catch (err) {
    await server.stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.tail()}`);
  }
  return server;
}

function settles(p: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void p.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** utime + stime of a process from /proc/<pid>/stat (Linux), in seconds. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start at state, field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}
// USER_HZ: 100 on every Linux architecture Node runs on.
const CLOCK_TICKS = 100;

/** A port the OS reports free on the loopback interface right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen({ port: 0, host: HOST }, () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("could not find a free port"))));
    });
  });
}
