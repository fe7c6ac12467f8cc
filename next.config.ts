import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg and the PGlite server are Node-only; keep them out of the bundler.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm"],
  poweredByHeader: false,
  // No automatic trailing-slash redirect: on the webhook a redirect would repeat a path secret in its
  // Location and a sender may not follow it; the webhook answers with or without the slash, and
  // proxy.ts keeps the redirect for pages.
  skipTrailingSlashRedirect: true,
  typedRoutes: false,
  // forbidden() renders app/forbidden.tsx with a 403 for signed-in users without the role.
  experimental: { authInterrupts: true },
};

export default nextConfig;
