import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // The real package throws outside a React Server Components bundle; tests import server modules.
      "server-only": path.join(root, "tests/helpers/empty.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts"],
    // tests/shutdown runs `npm start` itself: once in CI (npm run test:shutdown), not in both database passes.
    exclude: ["tests/browser/**", "tests/shutdown/**", "**/node_modules/**"],
    // Embedded mode: snapshots of an initialised (and migrated) PGlite, so test databases start in < 1 s.
    globalSetup: ["tests/helpers/global-setup.ts"],
    setupFiles: ["tests/helpers/setup.ts"],
    // Starting PGlite (~1-5 s), migrating and starting `next start` are slow, particularly on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Child processes rather than threads: PGlite's WASM heap and the schema engine stay per process and
    // are freed when a worker exits.
    pool: "forks",
    // Without TEST_DATABASE_URL every worker runs its own PGlite instances; more than 2 starves 2 cores.
    maxWorkers: 2,
  },
});
