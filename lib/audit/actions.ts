// Every action the audit log records (the Activity screen's filter options). Code writes these
// strings through recordAudit/recordAudits; keep this list in step when adding one.
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "auth.sign_out",
  "auth.password_change",
  "user.create",
  "user.role_change",
  "user.remove",
  "fulfilment.approve",
  "fulfilment.hold",
  "fulfilment.reject",
  "export.csv",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What the Activity screen calls each action. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_throttled": "Sign-in throttled",
  "auth.sign_out": "Signed out",
  "auth.password_change": "Changed password",
  "user.create": "Created user",
  "user.role_change": "Changed role",
  "user.remove": "Removed user",
  "fulfilment.approve": "Approved fulfilment",
  "fulfilment.hold": "Held fulfilment",
  "fulfilment.reject": "Rejected fulfilment",
  "export.csv": "Exported CSV",
};
