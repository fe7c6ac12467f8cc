import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { TSX_IMPORT } from "../../scripts/lib/stop-signals.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// The same server `npm start` runs: Next's handler behind scripts/server.ts (client IP from the socket), in
// one process (not under the `tsx` command, which SIGKILLs a child busy for 30 ms after a signal), so stop()'s
// SIGTERM reaches it and it stops as it does for npm start.
/** Signs test sessions; any 32+ characters. */
export const TEST_AUTH_SECRET = "test-auth-secret-0123456789abcdef-0123456789";
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export type NextServer = { url: string; stop(): Promise<void>; /** The last 20,000 characters the server printed. */ output(): string };

/**
 * Starts the production server (`next start`) on a free port with `env` on top of this process's
 * environment, and resolves once GET /api/health answers with any status (a 503 from a test's dead
 * database still means the server is up). Needs a current build: scripts/test.ts runs ensureBuild()
 * before any test under tests/http/.
 */
export async function startNextServer(env: Record<string, string>): Promise<NextServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [...TSX_IMPORT, "scripts/server.ts"],
    {
      cwd: ROOT,
      // DATABASE_URL comes only from `env`, never from this process. Present even when `env` has none:
      // Next fills only unset variables from .env files, and .env names the developer's real database.
      env: {
        ...process.env,
        DATABASE_URL: "",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port),
        HOST: "127.0.0.1",
        LEDGER_URL: `http://127.0.0.1:${port}`,
        LEDGER_AUTH_SECRET: TEST_AUTH_SECRET,
        // No outbox worker unless a test asks for one (and points it at a fake FirstPromoter API).
        LEDGER_WORKER: "0",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );

  // Kept for the error message when the server fails to come up.
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = once(child, "exit");
  // A worker that dies without calling stop() must not leave a server running (and its port taken).
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (true) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`next start exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`);
    }
    if (await answers(`${url}/api/health`)) return { url, stop, output: () => output };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer ${url}/api/health within ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false; // not listening yet
  }
}

/** A port the OS just handed out; next start binds it a moment later (a tiny race we accept). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("could not pick a free port");
  return address.port;
}
