import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FINGERPRINT_FILE = path.join(ROOT, ".next/ledger-build-fingerprint");
const NEXT_BIN = createRequire(path.join(ROOT, "package.json")).resolve("next/dist/bin/next");

// How long to wait for a `next build` started elsewhere (npm start beside npm test) to finish.
const LOCK_WAIT_MS = 10 * 60_000;

// What `next build` reads. lib/generated is left out: `npm ci` rewrites it (new mtimes) from
// prisma/schema.prisma, which is listed. Missing entries (public/) are skipped.
const INPUT_DIRS = ["app", "components", "hooks", "lib", "public"];
const EXCLUDED_DIRS = new Set(["lib/generated"]);
const INPUT_FILES = [
  "prisma/schema.prisma",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

/** The build was stopped: `opts.signal` aborted, or `next build` was killed by a signal (Ctrl-C reaches it too). */
export class BuildInterrupted extends Error {
  constructor(how: string) {
    super(`next build was interrupted (${how})`);
    this.name = "BuildInterrupted";
  }
}

/**
 * Runs `next build` unless .next holds a build of the current sources, so `npm start` and `npm test`
 * start fast when nothing changed. The fingerprint is a hash of every input's path, mtime and size.
 * Aborting `opts.signal` stops a build under way (SIGTERM, waiting for it to exit) and throws BuildInterrupted.
 */
export async function ensureBuild(opts: { log?: (m: string) => void; signal?: AbortSignal } = {}): Promise<void> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (true) {
    if (opts.signal?.aborted) throw new BuildInterrupted("stopping");
    if (existsSync(path.join(ROOT, ".next/BUILD_ID")) && (await readIfExists(FINGERPRINT_FILE)) === (await fingerprint())) {
      log("[build] .next is current, skipping next build");
      return;
    }
    log("[build] sources changed or no build yet: running next build");
    const result = await runNextBuild(opts.signal);
    if (result === "ok") break;
    // `npm start` and `npm test` at once: wait for the other build, which may well leave a current one.
    if (result === "locked" && Date.now() < deadline) {
      log("[build] another next build is running; waiting for it");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 5000);
        opts.signal?.addEventListener("abort", done, { once: true });
        function done() {
          clearTimeout(timer);
          opts.signal?.removeEventListener("abort", done);
          resolve();
        }
      });
      continue;
    }
    throw new Error(result === "locked" ? "another next build kept .next locked" : "next build failed");
  }
  // Taken after the build: next build may rewrite tsconfig.json, and that must not count as a change.
  await writeFile(FINGERPRINT_FILE, await fingerprint());
}

async function fingerprint(): Promise<string> {
  const files: string[] = [...INPUT_FILES];
  for (const dir of INPUT_DIRS) files.push(...(await listFiles(dir)));
  const hash = createHash("sha256");
  for (const rel of files.sort()) {
    const s = await stat(path.join(ROOT, rel)).catch(() => null);
    hash.update(s ? `${rel}\0${s.mtimeMs}\0${s.size}\n` : `${rel}\0missing\n`);
  }
  return hash.digest("hex");
}

async function listFiles(rel: string): Promise<string[]> {
  if (EXCLUDED_DIRS.has(rel)) return [];
  const entries = await readdir(path.join(ROOT, rel), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const child = path.posix.join(rel, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(child)));
    else if (e.isFile()) out.push(child);
  }
  return out;
}

/** Streams the build's output as it happens, and tells a failure from "another build holds .next/lock". */
function runNextBuild(signal?: AbortSignal): Promise<"ok" | "locked" | "failed"> {
  return new Promise((resolve, reject) => {
    // No telemetry notice (nor telemetry) on the first build.
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
    const child = spawn(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const stop = () => child.kill("SIGTERM");
    signal?.addEventListener("abort", stop, { once: true });
    let locked = false;
    const forward = (out: NodeJS.WriteStream) => (chunk: Buffer) => {
      out.write(chunk);
      if (chunk.includes("Another next build process is already running")) locked = true;
    };
    child.stdout.on("data", forward(process.stdout));
    child.stderr.on("data", forward(process.stderr));
    child.on("error", reject);
    child.on("close", (code, killedBy) => {
      signal?.removeEventListener("abort", stop);
      // next build exits 130 on SIGINT and 143 on SIGTERM.
      const interrupted = signal?.aborted ? "stopping" : (killedBy ?? (code === 130 ? "SIGINT" : code === 143 ? "SIGTERM" : null));
      if (interrupted) reject(new BuildInterrupted(interrupted));
      else resolve(code === 0 ? "ok" : locked ? "locked" : "failed");
    });
  });
}

async function readIfExists(file: string): Promise<string | null> {
  return readFile(file, "utf8").catch(() => null);
}
