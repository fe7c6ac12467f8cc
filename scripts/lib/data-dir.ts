// Ledger's data folder in embedded mode (.ledger/, git-ignored; LEDGER_DATA_DIR overrides): the PGlite
// database, the generated webhook secret, and a lock so two `npm start` never open the same database.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.LEDGER_DATA_DIR ? path.resolve(env.LEDGER_DATA_DIR) : path.join(ROOT, ".ledger");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** A secret generated on first start and kept (mode 0600) in <dataDir>/<name>. */
export function loadOrCreateSecret(dataDir: string, name: string, bytes = 24): { secret: string; file: string; created: boolean } {
  const file = path.join(dataDir, name);
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length < 16) throw new Error(`${file} holds no usable secret (under 16 characters): delete it to generate a new one`);
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return { secret, file, created: false };
  }
  const secret = randomBytes(bytes).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return { secret, file, created: true };
}

/** The webhook secret FirstPromoter presents, in <dataDir>/webhook-secret. */
export const loadOrCreateWebhookSecret = (dataDir: string) => loadOrCreateSecret(dataDir, "webhook-secret");

/**
 * PGlite corrupts a folder opened by two processes at once. Takes <dataDir>/ledger.pid, or throws naming
 * the process that holds it; a lock left by a process that no longer runs is taken over.
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, "ledger.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid))
        throw new Error(`another Ledger (pid ${pid}) is already using ${dataDir}; stop it first, or set LEDGER_DATA_DIR to another folder`);
      rmSync(file, { force: true }); // stale
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
