// `npm run test:browser [-- vitest args]`: the browser suite (tests/browser/**/*.test.ts), which drives
// Chromium against `next start`; so it builds first when the build is stale.
import { ensureBuild } from "./lib/ensure-build.ts";
import { describeDatabaseMode, runVitest } from "./lib/run-vitest.ts";

async function main(): Promise<number> {
  console.log(describeDatabaseMode());
  await ensureBuild();
  return runVitest(["--config", "vitest.browser.config.ts", ...process.argv.slice(2)]);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
