import { z } from "zod";

// FirstPromoter v1 webhook schemas. They require only what the projections need (ids and the
// event's own object), accept every documented example as it is, treat other documented fields as
// optional and keep unknown fields (looseObject): FirstPromoter adds fields without notice and the
// raw body is stored anyway.

/** Canonical decimal text of a positive integer id ("007" and 7 are the same id). */
const canonicalId = (v: number | string) => String(v).replace(/^0+(?=\d)/, "");

/** Integer id, sent as a number or a numeric string; kept as a string so bigints stay exact. */
const fpId = z
  .union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^0*[1-9]\d{0,17}$/, "expected a positive integer id")])
  .transform(canonicalId);

/** Years Postgres and JavaScript agree on (Postgres has no year 0; FirstPromoter sends nothing near either end). */
const storableDate = (s: string) => {
  const t = Date.parse(s);
  if (Number.isNaN(t)) return false;
  const year = new Date(t).getUTCFullYear();
  return year >= 1000 && year <= 9999;
};

/** An amount in the unit's smallest step (cents for cash); percentages may carry fractions. */
const amount = z
  .union([z.number(), z.string().regex(/^-?\d{1,15}(\.\d{1,4})?$/)])
  .refine((v) => Math.abs(Number(v)) < 1e15, "amount out of range")
  .transform((v) => String(v));

/** Optional text: empty strings become null, so they never overwrite a known value. */
const text = z
  .string()
  .max(10_000)
  .nullish()
  .transform((v) => (v ? v : null));

/**
 * Optional text that is indexed whole (emails, ref ids, uids, statuses, states, units, plans): at most
 * 254 characters (the longest email), so its b-tree entry always fits (Postgres refuses entries over
 * ~2.7 kB, and a refused insert would lose the event). A longer value fails validation instead: the
 * event is stored as failed (422) with its payload, visible on the Events screen and replayable.
 */
const indexedText = z
  .string()
  .max(254)
  .nullish()
  .transform((v) => (v ? v : null));

/** More than microseconds: Postgres keeps 6 fractional digits (and Ledger 3), so a longer fraction is not a timestamp FirstPromoter sends. */
const finerThanMicroseconds = (s: string) => /[.,]\d{7}/.test(s);

/** Optional timestamp: ISO 8601 (or anything Date can read), normalised to ISO UTC; "" → null. */
const timestamp = z
  .string()
  .max(64)
  .nullish()
  .refine((v) => !v || storableDate(v), "expected an ISO 8601 date between the years 1000 and 9999")
  .refine((v) => !v || !finerThanMicroseconds(v), "expected at most microsecond precision (6 fractional digits)")
  .transform((v) => (v ? new Date(v).toISOString() : null));

/** `{ "cash": 50744, "free_months": 3 }` or null. */
const balance = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "unit must be a lowercase name"), amount).nullish();

/**
 * An object kept whole (profile, custom_fields, a reward definition): passed through as parsed, not
 * copied key by key, so every key the sender wrote (`__proto__` included, as a plain key) is projected
 * exactly as it is stored.
 */
const looseJson = z
  .custom<Record<string, unknown> | null>((v) => v === null || (typeof v === "object" && !Array.isArray(v)), "expected an object")
  .optional();

export const promoterSchema = z.looseObject({
  id: fpId,
  status: indexedText,
  email: indexedText,
  default_ref_id: indexedText,
  created_at: timestamp,
  earnings_balance: balance,
  current_balance: balance,
  paid_balance: balance,
  profile: looseJson,
});

export const campaignSchema = z.looseObject({ id: fpId, name: text, landing_url: text });

export const promotionSchema = z.looseObject({
  id: fpId,
  status: indexedText,
  ref_id: indexedText,
  campaign_id: fpId.nullish(),
  campaign_name: text,
  referral_link: text,
  current_referral_reward: looseJson,
});

export const leadSchema = z.looseObject({
  id: fpId,
  state: indexedText,
  email: indexedText,
  uid: indexedText,
  username: text,
  website: text,
  customer_since: timestamp,
  cancelled_at: timestamp,
  plan_name: indexedText,
  suspicion: indexedText,
  split_promotion_id: fpId.nullish(),
  custom_fields: looseJson,
  created_at: timestamp,
});

/** The lead events' data: the lead itself, with the promotion and promoter it is attributed to. */
export const leadEventDataSchema = leadSchema.extend({
  promotion: promotionSchema.nullish(),
  promoter: promoterSchema.nullish(),
});

export const promoterSignedUpDataSchema = z.looseObject({
  promoter: promoterSchema,
  promotions: z.array(promotionSchema).max(1000).nullish(),
});

export const promoterAcceptedDataSchema = z.looseObject({
  state: indexedText,
  campaign: campaignSchema.nullish(),
  promoter: promoterSchema,
  promotion: promotionSchema.nullish(),
});

export const rewardCreatedDataSchema = z.looseObject({
  id: fpId,
  status: indexedText,
  amount: amount.nullish(),
  unit: indexedText,
  created_at: timestamp,
  conversion_amount: amount.nullish(),
  tier_level: z.number().int().min(0).max(1000).nullish(),
  split_type: indexedText,
  event_id: fpId.nullish(),
  lead: leadSchema.nullish(),
  promoter: promoterSchema.nullish(),
  promotion: promotionSchema.nullish(),
});

export const fulfilmentPendingDataSchema = z.looseObject({
  id: fpId,
  status: indexedText,
  amount: amount.nullish(),
  unit: indexedText,
  created_at: timestamp,
  has_issues: z.boolean().nullish(),
  due_date: timestamp,
  date_paid: timestamp,
  reward: looseJson,
  promoter: promoterSchema.nullish(),
  campaign: campaignSchema.nullish(),
});

/** The data schema of each known event type; a type not listed here is stored raw and ignored. */
export const dataSchemas = {
  lead_signup: leadEventDataSchema,
  lead_becomes_referral: leadEventDataSchema,
  new_customer: leadEventDataSchema,
  lead_cancelled: leadEventDataSchema,
  promoter_signed_up: promoterSignedUpDataSchema,
  promoter_signs_up: promoterSignedUpDataSchema,
  promoter_accepted: promoterAcceptedDataSchema,
  reward_created: rewardCreatedDataSchema,
  fulfilment_pending: fulfilmentPendingDataSchema,
} as const;

export type KnownEventType = keyof typeof dataSchemas;

export function isKnownEventType(type: string): type is KnownEventType {
  return Object.hasOwn(dataSchemas, type);
}

/** The v1 envelope. `data` is checked per type afterwards, so a bad `data` still gets its event row. */
export const envelopeSchema = z.object({
  event: z.object({
    id: z
      .union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^0*[1-9]\d{0,17}$/)], {
        error: "event.id must be a positive integer or a numeric string",
      })
      .transform(canonicalId),
    type: z.string().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, "event.type must be a plain type name"),
    created_at: z.iso
      .datetime({ offset: true, error: "event.created_at must be an ISO 8601 timestamp" })
      .refine((s) => !finerThanMicroseconds(s), "event.created_at must have at most microsecond precision (6 fractional digits)")
      .refine(storableDate, "event.created_at must be between the years 1000 and 9999"),
  }),
  data: z.unknown(),
});

export type Envelope = z.infer<typeof envelopeSchema>;
