// Auth settings from the environment, read once per process.

export type AuthConfig = {
  /** Public base URL (LEDGER_URL): cookies are Secure when it is https, origins are checked against it. */
  baseURL: string;
  secret: string;
};

export function authConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const secret = env.LEDGER_AUTH_SECRET;
  // `next build` imports server modules without a runtime environment; a missing secret fails at first use.
  if (!secret || secret.length < 32) {
    throw new Error("LEDGER_AUTH_SECRET must be set to at least 32 random characters (npm start generates one in embedded mode)");
  }
  return {
    baseURL: (env.LEDGER_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`).replace(/\/+$/, ""),
    secret,
  };
}
