import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `vitest run <args>` from the repo root without DATABASE_URL; resolves to its exit code. */
export async function runVitest(args: string[]): Promise<number> {
  // Tests must never reach the developer's database (tests/helpers/setup.ts removes it again per worker).
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;

  // vitest.mjs is its bin; the package does not export it, so locate it beside package.json.
  const vitestPkg = createRequire(path.join(ROOT, "package.json")).resolve("vitest/package.json");
  const vitest = path.join(path.dirname(vitestPkg), "vitest.mjs");
  const child = spawn(process.execPath, [vitest, "run", ...args], { cwd: ROOT, env, stdio: "inherit" });
  // Ctrl-C reaches vitest through the terminal's process group; just wait for it to finish.
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Prints which database the tests use: TEST_DATABASE_URL's server, or embedded PGlite. */
export function describeDatabaseMode(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return "[test] database: embedded PGlite in memory (set TEST_DATABASE_URL to use a Postgres server)";
  return `[test] database: TEST_DATABASE_URL (${redact(url)}), a fresh database per test database`;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}
