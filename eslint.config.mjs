// ESLint for the whole repository (`npm run lint`, run by .ci/run before the tests). Import cycles and
// layering are checked by dependency-cruiser (.dependency-cruiser.cjs), which counts type-only imports.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "lib/generated/**",
    "screenshots/**",
    ".ledger/**",
    "coverage/**",
    "test-results/**",
    ".scratch/**",
    "next-env.d.ts",
  ]),
  ...nextCoreWebVitals,
  reactHooks.configs.flat["recommended-latest"],
  {
    files: ["**/*.{ts,tsx}"],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers and bigints print exactly in a template (ids, counts, SQL LIMITs); objects, nullish and
      // unions with them stay errors ("[object Object]", "null" in a message).
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `onClick={() => setOpen(false)}`: an arrow's shorthand body returning void is the React idiom.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      // `while (true)` loops that end with a break or return.
      "@typescript-eslint/no-unnecessary-condition": ["error", { allowConstantLoopConditions: "only-allowed-literals" }],
      // `_name` marks what is left out on purpose (a destructured field dropped from a spread).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
  {
    // Tests only: production code (app, components, hooks, lib, scripts, bench) keeps every rule above.
    files: ["tests/**"],
    rules: {
      // Tests build malformed bodies on purpose and read raw JSON answers: `Json = any` in
      // tests/integration/webhook/helpers.ts is the point, not an accident.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/restrict-plus-operands": ["error", { allowAny: true }],
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowAny: true }],
      // `rows[0]!` after the test has asserted the row count: a wrong `!` fails the test anyway.
      "@typescript-eslint/no-non-null-assertion": "off",
      // afterAll cleans up with `pool?.end()` because a failed beforeAll leaves it unset, which its
      // declared type cannot say.
      "@typescript-eslint/no-unnecessary-condition": "off",
      // Mocks and fakes keep the async signature of what they stand in for (next/headers' headers()).
      "@typescript-eslint/require-await": "off",
      // No React in tests: useTestDatabase, useOutbox and useAuthDatabase are vitest fixtures, not hooks.
      ...Object.fromEntries(Object.keys(reactHooks.configs.flat["recommended-latest"].rules).map((rule) => [rule, "off"])),
    },
  },
]);
