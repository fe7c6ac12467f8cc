import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg and the PGlite server are Node-only; keep them out of the bundler.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
