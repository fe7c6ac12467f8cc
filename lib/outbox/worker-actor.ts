/** Who the audit log names for what the outbox worker does (it acts for the admin who decided). */
export const WORKER_ACTOR = { id: "system:firstpromoter-sync", email: "FirstPromoter sync" } as const;
