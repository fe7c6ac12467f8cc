// What `npm start` prints once Ledger is up.
export type BannerInfo = {
  appUrl: string;
  /** e.g. "embedded PGlite in .ledger/pgdata (127.0.0.1:5433)" or "PostgreSQL from DATABASE_URL (host/db)". */
  database: string;
  /** Where the webhook secret comes from: a file path or "the WEBHOOK_SECRET environment variable". */
  secretSource: string;
  /** Sign-in details for the dashboard; filled in by the sign-in issue. Printed as given. */
  signIn?: string[];
  /** Where approvals are sent: FirstPromoter's API, the demo one, or nowhere. */
  firstPromoterApi?: string;
  notes?: string[];
};

export function banner(info: BannerInfo): string {
  const webhook = `${info.appUrl}/api/webhooks/firstpromoter`;
  const lines = [
    "",
    "Ledger is running",
    `  App:       ${info.appUrl}`,
    `  Database:  ${info.database}`,
    `  Webhook:   ${webhook}`,
    "             authenticate with the header  Authorization: Bearer <secret>",
    "             or, where the sender can't set headers, the secret as the last path segment:",
    `             ${webhook}/<secret>`,
    `  Secret:    ${info.secretSource}`,
    // Sign-in credentials (dashboard login) go here once that issue lands: pass them as info.signIn.
    ...(info.signIn ?? []).map((l, i) => `${i === 0 ? "  Sign-in:   " : "             "}${l}`),
    ...(info.firstPromoterApi ? [`  FP API:    ${info.firstPromoterApi}`] : []),
    ...(info.notes ?? []).map((l) => `  ${l}`),
    "  Stop with Ctrl+C (or SIGTERM).",
    "",
  ];
  return lines.join("\n");
}
