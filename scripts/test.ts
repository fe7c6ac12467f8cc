// `npm test [-- vitest args]`: builds the app if HTTP tests need it, then runs vitest once.
// TEST_DATABASE_URL=postgresql://…/test uses that server (a fresh database per test database);
// without it every test database is an in-memory embedded PGlite.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "./lib/ensure-build.ts";
import { describeDatabaseMode, runVitest } from "./lib/run-vitest.ts";

/** Tests under tests/http/ run `next start`, which serves the production build. */
function needsBuild(): boolean {
  const dir = fileURLToPath(new URL("../tests/http/", import.meta.url));
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).some((f) => f.endsWith(".test.ts"));
}

async function main(): Promise<number> {
  console.log(describeDatabaseMode());
  if (needsBuild()) await ensureBuild();
  return runVitest(process.argv.slice(2));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
