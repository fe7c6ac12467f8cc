import { z } from "zod";

// FirstPromoter v2 webhook schemas (firstpromoter/docs: webhooks-v2/payload.mdx, event-types.mdx,
// non-monetary-rewards.mdx; entity shapes from api-reference-v2/api-admin/*/openapi-*.json). As for
// v1 they require only what the projections need and keep unknown fields: `data` is called the
// entity's full state, yet the documented examples are partial (a commission without its promoter,
// a referral without its campaign), so every field but the id is optional, and an absent field never
// erases what is stored. An explicit null, unlike in v1, is a value (a reactivated referral's
// cancelled_at): the projection records which fields were present (lib/projections/presence.ts).

/** Canonical decimal text of a positive integer id. */
const canonicalId = (v: number | string) => String(v).replace(/^0+(?=\d)/, "");
export const v2Id = z
  .union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^0*[1-9]\d{0,17}$/, "expected a positive integer id")])
  .transform(canonicalId);

const finerThanMicroseconds = (s: string) => /[.,]\d{7}/.test(s);
const storableDate = (s: string) => {
  const t = Date.parse(s);
  if (Number.isNaN(t)) return false;
  const y = new Date(t).getUTCFullYear();
  return y >= 1000 && y <= 9999;
};

/** Text: "" is no value; an explicit null stays null (it is a value in v2). */
const text = z
  .string()
  .max(10_000)
  .nullish()
  .transform((v) => (v === "" ? undefined : v));
/** Text indexed whole (emails, states, units): at most 254 characters, so its index entry always fits. */
const indexedText = z
  .string()
  .max(254)
  .nullish()
  .transform((v) => (v === "" ? undefined : v));
const timestamp = z
  .string()
  .max(64)
  .nullish()
  .refine((v) => !v || storableDate(v), "expected an ISO 8601 date between the years 1000 and 9999")
  .refine((v) => !v || !finerThanMicroseconds(v), "expected at most microsecond precision (6 fractional digits)")
  .transform((v) => (v ? new Date(v).toISOString() : v === null ? null : undefined));
/** An amount (commission: integer; payout: a float in the schema), kept exact as decimal text. */
const amount = z
  .union([z.number(), z.string().regex(/^-?\d{1,15}(\.\d{1,4})?$/)])
  .refine((v) => Math.abs(Number(v)) < 1e15, "amount out of range")
  .transform((v) => String(v))
  .nullish();
/** An object kept whole (profile, custom_fields, metadata), passed through as parsed. */
const looseObject = z
  .custom<Record<string, unknown> | null>((v) => v === null || (typeof v === "object" && !Array.isArray(v)), "expected an object")
  .optional();

const named = z.looseObject({ id: v2Id, email: indexedText, name: text });
const campaignRef = z.looseObject({ id: v2Id, name: text });

export const V2_ACTIONS = ["created", "updated", "deleted"] as const;
export type V2Action = (typeof V2_ACTIONS)[number];

/** The v2 envelope: flat, every event. `changes` is `{ field: [old, new] }`, empty for created and deleted. */
export const v2EnvelopeSchema = z.object({
  event_id: z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, "event_id must be a UUID"),
  event_type: z.string().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, "event_type must be a plain type name"),
  action: z.enum(V2_ACTIONS, { error: "action must be created, updated or deleted" }),
  // Lower-case in payload.mdx, capitalised in the webhooks OpenAPI (Referral, PromoterCampaign): compared normalised.
  entity_type: z.string().min(1).max(100).regex(/^[A-Za-z0-9_]+$/, "entity_type must be a plain name"),
  entity_id: z.union([z.number().int(), z.string().max(40)]).nullish(),
  data: z.record(z.string(), z.unknown(), { error: "data must be an object" }),
  changes: z.record(z.string(), z.unknown()).nullish(),
  timestamp: z.iso
    .datetime({ offset: true, error: "timestamp must be an ISO 8601 timestamp" })
    .refine((s) => !finerThanMicroseconds(s), "timestamp must have at most microsecond precision (6 fractional digits)")
    .refine(storableDate, "timestamp must be between the years 1000 and 9999"),
});
export type V2Envelope = z.infer<typeof v2EnvelopeSchema>;

export const PROMOTER_CAMPAIGN_STATES = ["pending", "accepted", "rejected", "blocked", "inactive", "not_set"] as const;

export const v2PromoterCampaignSchema = z.looseObject({
  id: v2Id,
  campaign_id: v2Id.nullish(),
  promoter_id: v2Id.nullish(),
  state: indexedText,
  ref_token: indexedText,
  ref_link: text,
  coupon: text,
  created_at: timestamp,
  promoter: named.nullish(),
  campaign: campaignRef.nullish(),
});

export const v2PromoterSchema = z.looseObject({
  id: v2Id,
  email: indexedText,
  name: text,
  cust_id: text,
  joined_at: timestamp,
  archived_at: timestamp,
  profile: looseObject,
  custom_fields: looseObject,
  /** The earnings balance per unit (cash in cents; credits, points, free_months, discount). */
  balances: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "unit must be a lowercase name"), amount).nullish(),
  promoter_campaigns: z.array(v2PromoterCampaignSchema).max(1000).nullish(),
});

export const REFERRAL_STATES = ["subscribed", "signup", "active", "cancelled", "refunded", "denied", "pending", "moved"] as const;

export const v2ReferralSchema = z.looseObject({
  id: v2Id,
  email: indexedText,
  uid: indexedText,
  username: text,
  website: text,
  state: indexedText,
  fraud_check: indexedText,
  customer_since: timestamp,
  cancelled_at: timestamp,
  created_at: timestamp,
  plan_name: indexedText,
  metadata: looseObject,
  promoter_campaign: v2PromoterCampaignSchema.nullish(),
});

export const COMMISSION_STATUSES = ["pending", "approved", "denied"] as const;

export const v2CommissionSchema = z.looseObject({
  id: v2Id,
  status: indexedText,
  amount,
  unit: indexedText,
  is_paid: z.boolean().nullish(),
  sale_amount: amount,
  created_at: timestamp,
  status_updated_at: timestamp,
  tier: z.number().int().min(0).max(1000).nullish(),
  referral: z.looseObject({ id: v2Id, email: indexedText, uid: indexedText }).nullish(),
  promoter_campaign: v2PromoterCampaignSchema.nullish(),
  promoter: named.nullish(),
  reward: looseObject,
});

export const PAYOUT_STATUSES = ["pending", "processing", "completed", "failed", "cancelled"] as const;

export const v2PayoutSchema = z.looseObject({
  id: v2Id,
  status: indexedText,
  amount,
  unit: indexedText,
  total_incl_tax: amount,
  period_start: timestamp,
  period_end: timestamp,
  paid_at: timestamp,
  failed_at: timestamp,
  error: text,
  created_at: timestamp,
  payments_batch_id: v2Id.nullish(),
  promoter: named.nullish(),
  campaign: campaignRef.nullish(),
});

/**
 * payout.commissions.*: the link between a payout and a commission. Its payload is not documented;
 * the ids are read from `payout_id`/`commission_id` or nested `payout`/`commission` objects, and the
 * link is projected only when both are present (otherwise the event is stored raw).
 */
export const v2PayoutCommissionSchema = z.looseObject({
  payout_id: v2Id.nullish(),
  commission_id: v2Id.nullish(),
  payout: z.looseObject({ id: v2Id }).nullish(),
  commission: z.looseObject({ id: v2Id }).nullish(),
});

export type V2Promoter = z.infer<typeof v2PromoterSchema>;
export type V2PromoterCampaign = z.infer<typeof v2PromoterCampaignSchema>;
export type V2Referral = z.infer<typeof v2ReferralSchema>;
export type V2Commission = z.infer<typeof v2CommissionSchema>;
export type V2Payout = z.infer<typeof v2PayoutSchema>;
export type V2PayoutCommission = z.infer<typeof v2PayoutCommissionSchema>;

/** `referral`, `Referral`, `promoter_campaign`, `PromoterCampaign` → one spelling. */
export function normaliseEntityType(entityType: string): string {
  return entityType.toLowerCase().replaceAll("_", "");
}
