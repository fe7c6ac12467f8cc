// `npm run test:shutdown`: tests/shutdown/, which runs `npm start` itself (its own embedded database, ports and
// data folder), so none of vitest.config.ts's database set-up. Once in CI (.ci/run), not in both `npm test` passes.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["tests/shutdown/**/*.test.ts"],
    // `npm start` builds when the build is stale: do that first, outside any test's time limit.
    globalSetup: ["tests/shutdown/global-setup.ts"],
    // Rounds of start (~5 s), load and stop (up to 10 s) against one data folder, in order.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 900_000,
  },
});
