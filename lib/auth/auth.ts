import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db/index.ts";
import { CLIENT_IP_HEADER } from "./client-ip.ts";
import { authConfig } from "./config.ts";

// better-auth handles passwords (scrypt), sessions (opaque id in an httpOnly SameSite=Lax cookie,
// Secure on https, stored server-side) and sign-out. Users are created only by an admin or the CLI
// (lib/users/), so its sign-up is disabled; its own rate limit is off because ours
// (lib/auth/throttle-sign-in.ts) also limits per email and lives in Postgres.

function createAuth() {
  const config = authConfig();
  return betterAuth({
    appName: "Ledger",
    baseURL: config.baseURL,
    secret: config.secret,
    database: prismaAdapter(db().prisma, { provider: "postgresql" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 256 },
    user: { additionalFields: { role: { type: "string", required: true, defaultValue: "viewer", input: false } } },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    trustedOrigins: [config.baseURL],
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: config.baseURL.startsWith("https://"),
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { ledgerAuth?: Auth };

export function auth(): Auth {
  globalForAuth.ledgerAuth ??= createAuth();
  return globalForAuth.ledgerAuth;
}
