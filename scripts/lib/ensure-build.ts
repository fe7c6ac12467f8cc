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
const INPUT_DIRS = ["app", "components", "lib", "public"];
const EXCLUDED_DIRS = new Set(["lib/generated"]);
const INPUT_FILES = [
  "prisma/schema.prisma",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

/**
 * Runs `next build` unless .next holds a build of the current sources, so `npm start` and `npm test`
 * start fast when nothing changed. The fingerprint is a hash of every input's path, mtime and size.
 */
export async function ensureBuild(opts: { log?(m: string): void } = {}): Promise<void> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (true) {
    if (existsSync(path.join(ROOT, ".next/BUILD_ID")) && (await readIfExists(FINGERPRINT_FILE)) === (await fingerprint())) {
      log("[build] .next is current, skipping next build");
      return;
    }
    log("[build] sources changed or no build yet: running next build");
    const result = await runNextBuild();
    if (result === "ok") break;
    // `npm start` and `npm test` at once: wait for the other build, which may well leave a current one.
    if (result === "locked" && Date.now() < deadline) {
      log("[build] another next build is running; waiting for it");
      await new Promise((r) => setTimeout(r, 5000));
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
function runNextBuild(): Promise<"ok" | "locked" | "failed"> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let locked = false;
    const forward = (out: NodeJS.WriteStream) => (chunk: Buffer) => {
      out.write(chunk);
      if (chunk.includes("Another next build process is already running")) locked = true;
    };
    child.stdout.on("data", forward(process.stdout));
    child.stderr.on("data", forward(process.stderr));
    child.on("error", reject);
    child.on("close", (code) => resolve(code === 0 ? "ok" : locked ? "locked" : "failed"));
  });
}

async function readIfExists(file: string): Promise<string | null> {
  return readFile(file, "utf8").catch(() => null);
}
