// The four lead life-cycle counts the overview shows, and the webhook event type each one counts.
// Client-safe: the charts use the keys and labels too.

export const OVERVIEW_METRICS = {
  leads: { type: "lead_signup", label: "New leads" },
  referrals: { type: "lead_becomes_referral", label: "Referrals" },
  customers: { type: "new_customer", label: "Customers" },
  cancellations: { type: "lead_cancelled", label: "Cancellations" },
} as const;

export type OverviewMetric = keyof typeof OVERVIEW_METRICS;
export const METRIC_KEYS = Object.keys(OVERVIEW_METRICS) as OverviewMetric[];
export const METRIC_EVENT_TYPES: string[] = METRIC_KEYS.map((k) => OVERVIEW_METRICS[k].type);
