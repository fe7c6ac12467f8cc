// Import rules that ESLint cannot check: `npm run lint` runs this after ESLint.
// Cycles count type-only imports too (tsPreCompilationDeps): eslint-plugin-import-x's no-cycle always
// skips `import type`, and a type cycle still ties two modules together.
/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Import cycles, type-only imports included.",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-stays-below-the-ui",
      severity: "error",
      comment: "Imports run app → components → lib (docs/architecture.md): lib never imports the UI.",
      from: { path: "^lib/" },
      to: { path: "^(app|components|hooks)/" },
    },
    {
      name: "components-stay-below-app",
      severity: "error",
      comment: "Shared components and hooks do not reach into a route's files.",
      from: { path: "^(components|hooks)/" },
      to: { path: "^app/" },
    },
    {
      name: "projections-never-import-events",
      severity: "error",
      comment: "Inside lib, events → projections, never back (docs/architecture.md).",
      from: { path: "^lib/projections/" },
      to: { path: "^lib/events/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing (a typo, a deleted file).",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: ["node_modules", "^lib/generated/"] },
    exclude: { path: ["^\\.next/", "^node_modules/", "^\\.ledger/", "^screenshots/", "^coverage/", "^test-results/", "^\\.scratch/"] },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts"] },
    skipAnalysisNotInRules: true,
  },
};
