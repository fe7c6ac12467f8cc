// The browser suite: same aliases, database setup and process model as vitest.config.ts, other files.
// Spread rather than mergeConfig: mergeConfig concatenates arrays, and the base excludes tests/browser.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/browser/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    // A Chromium plus a `next start` per worker: one at a time on 2 cores.
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Until the first browser test lands, an empty suite is not a failure.
    passWithNoTests: true,
  },
});
