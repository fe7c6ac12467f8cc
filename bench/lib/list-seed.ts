// The list-query bench's data set (bench/list-queries.ts): webhook events and deliveries shaped like
// the simulator's stream, and every projection table filled straight from generate_series, with the
// skews a real program has (a few promoters bring most leads, most balances are cash, most leads
// never convert, most fulfilments wait for review). One INSERT … SELECT per table: ~100k rows each
// in seconds. Deterministic: pseudo-random draws are hashes of the row number (pg_temp.r), so two
// runs of the same sizes seed the same rows, apart from times relative to now().
//
// Ids line up with what the seeded events name, so the detail pages have timelines: promoters
// 3000000 + i, promotions 9000000 + i (9500000 + i: a second campaign), leads 21000000 + i, rewards
// 11000000 + i (reward_created event number i carries reward 11000000 + i, for the same lead),
// fulfilments 40000001 + i, campaigns 13202..13206. event_record links each event to what it names.
import type pg from "pg";

export type ListSeedSizes = { events: number; promoters: number; leads: number; rewards: number; fulfilments: number; audit: number };

/** The campaigns, most promoters in the first (ids as FirstPromoter's, names as the payloads carry). */
export const SEED_CAMPAIGNS = [
  { id: 13202, name: "Main Campaign", share: 0.6 },
  { id: 13203, name: "Partner Program", share: 0.2 },
  { id: 13204, name: "Influencers", share: 0.1 },
  { id: 13205, name: "Black Friday 2026", share: 0.08 },
  { id: 13206, name: "Legacy (closed)", share: 0.02 },
] as const;

/** The dashboard's users (the Activity screen's actors). */
export const SEED_USERS = [
  { id: "user_admin_1", name: "Ada Admin", email: "admin@example.com", role: "admin" },
  { id: "user_admin_2", name: "Ben Boss", email: "ben@example.com", role: "admin" },
  { id: "user_viewer_1", name: "Cleo Viewer", email: "cleo@example.com", role: "viewer" },
  { id: "user_viewer_2", name: "Dan Reader", email: "dan@example.com", role: "viewer" },
  { id: "user_viewer_3", name: "Eve Auditor", email: "eve@example.com", role: "viewer" },
] as const;

/** A uniform draw in [0, 1) from (row, salt): the same for the same inputs. Session-local (pg_temp). */
const RANDOM_FUNCTION = `
CREATE FUNCTION pg_temp.r(i bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT (hashint8(i * 1009 + salt) & 2147483647)::float8 / 2147483648.0 $$`;

// ---------------------------------------------------------------------------------------------
// Events and deliveries: the events screen's data. ~1 KB payloads over 60 days, the simulator's type
// mix ($1 events). Each lead event names a lead ($2 leads) and that lead's promoter, as the leads
// table has them (the same draws: pg_temp.r(lead, 71) below and in seedLeads), so a promoter who
// brings many leads also has a long timeline; reward_created event i carries reward 11000000 + i
// with the same lead as the reward row (the draws of seedRewards). Other events name a promoter
// drawn with the same skew ($3 promoters).

const SEED_EVENTS = `
INSERT INTO webhook_event (source, external_id, type, occurred_at, received_at, payload, status, error)
SELECT 'firstpromoter', ext, type, occurred, occurred + make_interval(secs => 0.05 + (i * 13 % 2000) / 1000.0), payload,
       CASE WHEN type = 'payout_created' THEN 'ignored' WHEN broken THEN 'failed' ELSE 'processed' END::event_status,
       CASE WHEN broken AND type <> 'payout_created' THEN 'data.promoter.id: expected a number' END
FROM (
  SELECT i, (20000000 + i * 7)::text AS ext, r.type, occurred, i * 31 % 200 = 0 AS broken,
    jsonb_build_object(
      'event', jsonb_build_object('id', 20000000 + i * 7, 'type', r.type, 'created_at', occurred),
      'data', CASE
        WHEN r.type LIKE 'lead%' OR r.type IN ('new_customer') THEN jsonb_build_object(
          'id', 21000000 + lead, 'email', lead_email, 'state', 'signup', 'uid', '',
          'custom_fields', jsonb_build_object('utm_source', 'newsletter', 'note', repeat('n', 300)),
          'promoter', promoter)
        WHEN r.type = 'reward_created' THEN jsonb_build_object(
          'id', 11000000 + i, 'amount', 200, 'unit', 'cash', 'status', 'approved',
          'lead', jsonb_build_object('id', 21000000 + lead, 'email', lead_email),
          'promoter', promoter, 'promotion', jsonb_build_object('id', 9000000 + p, 'campaign_name', 'Main Campaign'))
        ELSE jsonb_build_object('id', 2400000 + i, 'promoter', promoter,
          'campaign', jsonb_build_object('id', 13202, 'name', 'Main Campaign', 'landing_url', 'https://www.example.com'))
      END) AS payload
  FROM (
    SELECT i, b, t.type, occurred, ld.lead, 'lead' || ld.lead || '@' || CASE WHEN ld.lead % 5 = 0 THEN 'mail.test' ELSE 'example.com' END AS lead_email,
           least($3::int - 1, floor($3::int * CASE WHEN t.type IN ('lead_signup', 'lead_becomes_referral', 'new_customer', 'lead_cancelled', 'reward_created')
                                                   THEN pg_temp.r(ld.lead, 71) ELSE pg_temp.r(i, 7) END ^ 3))::int AS p
    FROM (SELECT i, (i * 2654435761::bigint) % 1000 AS b,
                 now() - interval '60 days' + (i::float8 / $1::bigint) * interval '60 days' AS occurred
          FROM generate_series(1, $1::bigint) AS i) s
    CROSS JOIN LATERAL (SELECT CASE
        WHEN b < 300 THEN 'lead_signup' WHEN b < 480 THEN 'lead_becomes_referral' WHEN b < 600 THEN 'new_customer'
        WHEN b < 800 THEN 'reward_created' WHEN b < 860 THEN 'fulfilment_pending' WHEN b < 894 THEN 'promoter_signed_up'
        WHEN b < 900 THEN 'promoter_signs_up' WHEN b < 950 THEN 'promoter_accepted' WHEN b < 980 THEN 'lead_cancelled'
        ELSE 'payout_created' END AS type) t
    CROSS JOIN LATERAL (SELECT CASE WHEN t.type = 'reward_created' AND pg_temp.r(i, 81) < 0.3
        THEN (floor(2000 * pg_temp.r(i, 82) ^ 2)::bigint * 37) % $2::bigint ELSE (i * 7919) % $2::bigint END AS lead) ld
  ) r
  CROSS JOIN LATERAL (SELECT jsonb_build_object('id', 3000000 + p, 'email', 'promoter' || p || '@example.com', 'status', 'active',
      'profile', jsonb_build_object('first_name', 'Jane', 'last_name', 'Smith', 'bio', repeat('b', 300))) AS promoter) pr
) x`;

// One delivery per event, a tenth re-delivered (duplicates), and 0.5% refused before storing (401,
// 400, 413 and 415 in turn).
const SEED_DELIVERIES = `
INSERT INTO webhook_delivery (received_at, status_code, outcome, error_code, reason, external_event_id, event_type, event_id, body_bytes)
SELECT e.received_at,
       CASE WHEN e.status = 'failed' THEN 422 WHEN e.type = 'fulfilment_pending' THEN 202 ELSE 200 END,
       CASE e.status WHEN 'failed' THEN 'rejected' WHEN 'ignored' THEN 'ignored' ELSE 'accepted' END,
       CASE WHEN e.status = 'failed' THEN 'invalid_data' END, e.error, e.external_id, e.type, e.id, 1200
FROM webhook_event e;
INSERT INTO webhook_delivery (received_at, status_code, outcome, external_event_id, event_type, event_id, body_bytes)
SELECT e.received_at + interval '1 hour', CASE WHEN e.type = 'fulfilment_pending' THEN 202 ELSE 200 END, 'duplicate',
       e.external_id, e.type, e.id, 1200
FROM webhook_event e WHERE e.id % 10 = 3;
INSERT INTO webhook_delivery (received_at, status_code, outcome, error_code, reason, external_event_id, event_type, body_bytes)
SELECT e.received_at - interval '1 second', c.code, 'rejected', c.err, c.reason, e.external_id, e.type, 1200
FROM webhook_event e
CROSS JOIN LATERAL (SELECT (ARRAY[401, 400, 413, 415])[1 + (e.id / 200) % 4] AS code,
  (ARRAY['unauthorized', 'invalid_envelope', 'payload_too_large', 'unsupported_media_type'])[1 + (e.id / 200) % 4] AS err,
  'refused before storing' AS reason) c
WHERE e.id % 200 = 7`;

// A pending fulfilment is re-sent until it is approved: 1% of fulfilment_pending events get an
// hourly re-send for two days (duplicate deliveries of the same event), as the fulfilment page lists.
const SEED_FULFILMENT_RESENDS = `
INSERT INTO webhook_delivery (received_at, status_code, outcome, external_event_id, event_type, event_id, body_bytes)
SELECT e.received_at + n * interval '1 hour', 202, 'duplicate', e.external_id, e.type, e.id, 1200
FROM webhook_event e CROSS JOIN generate_series(1, 48) AS n
WHERE e.type = 'fulfilment_pending' AND pg_temp.r(e.id, 8) < 0.01
  AND e.received_at + n * interval '1 hour' < now()`;

// ---------------------------------------------------------------------------------------------
// Projections.

const FIRST_NAMES = ["Jane", "John", "Maria", "Liam", "Olivia", "Noah", "Emma", "Lucas", "Sofia", "Mateo", "Ava", "Ethan", "Mia", "Leo", "Chloe", "Hugo", "Nina", "Omar", "Yuki", "Priya"];
const LAST_NAMES = ["Smith", "Garcia", "Müller", "Rossi", "Dubois", "Silva", "Kowalski", "Nguyen", "Kim", "Patel", "Jensen", "Novak", "Costa", "Schmidt", "Brown", "Tanaka", "Cohen", "Okafor", "Larsen", "Moreau"];
const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")}]`;

function seedCampaigns(): string {
  const rows = SEED_CAMPAIGNS.map(
    (c) => `(${c.id}, '${c.name}', 'https://www.example.com/${c.id}', now() - interval '90 days', 1)`,
  ).join(",\n  ");
  return `INSERT INTO campaign (id, name, landing_url, snapshot_at, snapshot_event_id) VALUES\n  ${rows}`;
}

/** The campaign id a draw in [0, 1) falls on, by SEED_CAMPAIGNS' shares. */
function campaignOf(draw: string): string {
  let acc = 0;
  const arms = SEED_CAMPAIGNS.slice(0, -1).map((c) => `WHEN ${draw} < ${(acc += c.share).toFixed(4)} THEN ${c.id}`);
  return `CASE ${arms.join(" ")} ELSE ${SEED_CAMPAIGNS.at(-1)?.id} END`;
}

// Statuses: 70% active, 15% pending, 8% inactive, 5% denied, 2% blocked. Ref ids like FirstPromoter's
// ("jane42"), 3% without a name, 2% without FirstPromoter's created_at (then first_seen_at counts).
const seedPromoters = (n: number) => `
INSERT INTO promoter (id, status, email, default_ref_id, first_name, last_name, profile, fp_created_at, first_seen_at, updated_at, snapshot_at, snapshot_event_id)
SELECT 3000000 + i,
       CASE WHEN s < 0.70 THEN 'active' WHEN s < 0.85 THEN 'pending' WHEN s < 0.93 THEN 'inactive' WHEN s < 0.98 THEN 'denied' ELSE 'blocked' END,
       'promoter' || i || '@example.com', lower(fn) || i,
       CASE WHEN noname THEN NULL ELSE fn END, CASE WHEN noname THEN NULL ELSE ln END,
       jsonb_build_object('company_name', ln || ' ' || (ARRAY['Media', 'Labs', 'Reviews', 'Digital'])[1 + i % 4],
                          'website', 'https://' || lower(fn) || i || '.example.com', 'country', (ARRAY['US', 'DE', 'GB', 'FR', 'BR', 'IN'])[1 + i % 6]),
       CASE WHEN pg_temp.r(i, 3) < 0.02 THEN NULL ELSE created END,
       created + interval '2 minutes', created + interval '2 minutes', created + interval '2 minutes', 1000000 + i
FROM (
  SELECT i, pg_temp.r(i, 1) AS s, pg_temp.r(i, 2) < 0.03 AS noname,
         (${sqlArray(FIRST_NAMES)})[1 + floor(pg_temp.r(i, 4) * ${FIRST_NAMES.length})::int] AS fn,
         (${sqlArray(LAST_NAMES)})[1 + floor(pg_temp.r(i, 5) * ${LAST_NAMES.length})::int] AS ln,
         now() - interval '60 days' + pg_temp.r(i, 6) * interval '60 days' AS created
  FROM generate_series(0, ${n - 1}) AS i
) s`;

// Earnings/current/paid per unit: cash for 80% of promoters, free months 15%, credits 10%, points
// 10%, discount % 2% (some promoters have none at all); paid is 0 for 30% of each, so zero balances exist.
const SEED_BALANCES = `
INSERT INTO promoter_balance (promoter_id, kind, unit, amount, snapshot_at, snapshot_event_id)
SELECT p.id, k.kind, u.unit,
       CASE k.kind WHEN 'earnings' THEN u.earn WHEN 'paid' THEN u.paid ELSE u.earn - u.paid END,
       p.snapshot_at, p.snapshot_event_id
FROM (SELECT id, id - 3000000 AS i, snapshot_at, snapshot_event_id FROM promoter) p
CROSS JOIN LATERAL (
  SELECT v.unit, v.has, v.earn, CASE WHEN v.pr < 0.3 THEN 0 ELSE round(v.earn * v.pr::numeric, 2) END AS paid
  FROM (VALUES
    ('cash', pg_temp.r(p.i, 11) >= 0.20, round(pg_temp.r(p.i, 12) * 500000)::numeric, pg_temp.r(p.i, 13)),
    ('free_months', pg_temp.r(p.i, 21) < 0.15, (1 + floor(pg_temp.r(p.i, 22) * 12))::numeric, pg_temp.r(p.i, 23)),
    ('credits', pg_temp.r(p.i, 31) < 0.10, (2500 * (1 + floor(pg_temp.r(p.i, 32) * 20)))::numeric, pg_temp.r(p.i, 33)),
    ('points', pg_temp.r(p.i, 41) < 0.10, (250 * (1 + floor(pg_temp.r(p.i, 42) * 40)))::numeric, pg_temp.r(p.i, 43)),
    ('discount_per', pg_temp.r(p.i, 51) < 0.02, round((5 + pg_temp.r(p.i, 52) * 20)::numeric, 2), pg_temp.r(p.i, 53))
  ) AS v(unit, has, earn, pr)
) u
CROSS JOIN (VALUES ('earnings'::balance_kind), ('current'::balance_kind), ('paid'::balance_kind)) AS k(kind)
WHERE u.has`;

// One promotion per promoter (campaign by share), and a second one in another campaign for 10%.
const SEED_PROMOTIONS = `
INSERT INTO promotion (id, promoter_id, campaign_id, status, ref_id, referral_link, current_referral_reward, snapshot_at, snapshot_event_id)
SELECT 9000000 + (p.id - 3000000), p.id, ${campaignOf("pg_temp.r(p.id, 61)")}, 'offer_running', p.default_ref_id,
       'https://www.example.com/?fpr=' || p.default_ref_id,
       jsonb_build_object('id', 5001, 'amount', 0, 'type', 'per_referral', 'unit', 'cash', 'name', '20% recurring commission', 'per_of_sale', 20),
       p.snapshot_at, p.snapshot_event_id
FROM promoter p;
INSERT INTO promotion (id, promoter_id, campaign_id, status, ref_id, referral_link, snapshot_at, snapshot_event_id)
SELECT 9500000 + (p.id - 3000000), p.id, CASE WHEN pg_temp.r(p.id, 63) < 0.5 THEN 13203 ELSE 13204 END, 'offer_running',
       p.default_ref_id || 'b', 'https://www.example.com/?fpr=' || p.default_ref_id || 'b', p.snapshot_at, p.snapshot_event_id
FROM promoter p WHERE pg_temp.r(p.id, 62) < 0.10`;

// Leads: promoter drawn as floor(P·r³), so promoter 3000000 brings ~4.6% of all leads and the median
// promoter a handful; 1% without a promoter. States: 40% signup, 15% referral, 25% active, 5%
// customer, 14.5% cancelled, 0.5% denied (a rare one); suspicion 90% no_suspicion. Referrals and
// later have a uid (cus_<i>); customers a plan and customer_since; cancelled ones cancelled_at.
const seedLeads = (n: number, promoters: number) => `
INSERT INTO lead (id, state, suspicion, email, uid, plan_name, customer_since, cancelled_at, custom_fields, split_promotion_id,
                  fp_created_at, first_seen_at, promoter_id, promotion_id, updated_at, snapshot_at, snapshot_event_id)
SELECT 21000000 + i, st.state,
       CASE WHEN su < 0.90 THEN 'no_suspicion' WHEN su < 0.94 THEN 'same_ip_suspicion' WHEN su < 0.97 THEN 'same_promoter_email' ELSE 'ad_source' END,
       'lead' || i || '@' || CASE WHEN i % 5 = 0 THEN 'mail.test' ELSE 'example.com' END,
       CASE WHEN st.state <> 'signup' THEN 'cus_' || i END,
       CASE WHEN cs.since IS NOT NULL THEN (ARRAY['Starter', 'Pro', 'Pro', 'Business', 'Enterprise'])[1 + floor(pg_temp.r(i, 76) * 5)::int] END,
       cs.since, cc.cancelled,
       CASE WHEN pg_temp.r(i, 77) < 0.3 THEN jsonb_build_object('utm_source', (ARRAY['newsletter', 'twitter', 'blog'])[1 + i % 3], 'utm_campaign', 'spring') END,
       CASE WHEN pg_temp.r(i, 78) < 0.02 THEN 9000000 + (pidx + 1) % ${promoters} END,
       CASE WHEN pg_temp.r(i, 79) < 0.02 THEN NULL ELSE created END, created + interval '1 minute',
       CASE WHEN orphan THEN NULL ELSE 3000000 + pidx END, CASE WHEN orphan THEN NULL ELSE 9000000 + pidx END,
       greatest(created, cs.since, cc.cancelled), greatest(created, cs.since, cc.cancelled), 2000000 + i
FROM (
  SELECT i, now() - interval '60 days' + pg_temp.r(i, 70) * interval '60 days' AS created,
         least(${promoters - 1}, floor(${promoters} * pg_temp.r(i, 71) ^ 3))::int AS pidx,
         pg_temp.r(i, 72) < 0.01 AS orphan, pg_temp.r(i, 73) AS s, pg_temp.r(i, 80) AS su
  FROM generate_series(0, ${n - 1}) AS i
) a
CROSS JOIN LATERAL (SELECT CASE WHEN s < 0.40 THEN 'signup' WHEN s < 0.55 THEN 'referral' WHEN s < 0.80 THEN 'active'
                                WHEN s < 0.85 THEN 'customer' WHEN s < 0.995 THEN 'cancelled' ELSE 'denied' END AS state) st
CROSS JOIN LATERAL (SELECT CASE WHEN st.state IN ('active', 'customer', 'cancelled')
                                THEN least(now(), created + pg_temp.r(i, 74) * interval '10 days') END AS since) cs
CROSS JOIN LATERAL (SELECT CASE WHEN st.state = 'cancelled' THEN least(now(), cs.since + pg_temp.r(i, 75) * interval '20 days') END AS cancelled) cc`;

// Rewards: 70% one per lead (a bijection over the leads), 30% renewals piled on 2000 recurring
// customers (lead 21000000 gets ~700). Units 75% cash, 10% points, 7% credits, 6% free months, 2%
// discount %; statuses 70% approved, 20% pending, 8% denied, 2% cancelled; 1% without an amount.
const seedRewards = (n: number, leads: number) => `
INSERT INTO reward (id, status, amount, unit, conversion_amount, tier_level, fp_event_id, fp_created_at, first_seen_at,
                    lead_id, promoter_id, promotion_id, updated_at, snapshot_at, snapshot_event_id)
SELECT 11000000 + i,
       CASE WHEN st < 0.70 THEN 'approved' WHEN st < 0.90 THEN 'pending' WHEN st < 0.98 THEN 'denied' ELSE 'cancelled' END,
       CASE WHEN pg_temp.r(i, 85) < 0.01 THEN NULL
            WHEN un.unit = 'cash' THEN CASE WHEN pg_temp.r(i, 86) < 0.01 THEN 500000 ELSE round(500 + pg_temp.r(i, 86) * 19500) END
            WHEN un.unit = 'points' THEN 250 * (1 + floor(pg_temp.r(i, 86) * 8))
            WHEN un.unit = 'credits' THEN 2500
            WHEN un.unit = 'free_months' THEN 1
            ELSE round((5 + pg_temp.r(i, 86) * 20)::numeric, 2) END,
       un.unit, round(1900 + pg_temp.r(i, 87) * 20000), 1, 7000000 + i,
       CASE WHEN pg_temp.r(i, 84) < 0.02 THEN NULL ELSE created END, created + interval '1 minute',
       l.id, l.promoter_id, l.promotion_id, created, created, 3000000 + i
FROM (
  SELECT i, now() - interval '60 days' + pg_temp.r(i, 83) * interval '60 days' AS created, pg_temp.r(i, 88) AS st, pg_temp.r(i, 89) AS u,
         CASE WHEN pg_temp.r(i, 81) < 0.3 THEN (floor(2000 * pg_temp.r(i, 82) ^ 2)::bigint * 37) % ${leads} ELSE (i * 7919) % ${leads} END AS lidx
  FROM generate_series(1, ${n}) AS i
) a
JOIN lead l ON l.id = 21000000 + a.lidx
CROSS JOIN LATERAL (SELECT CASE WHEN u < 0.75 THEN 'cash' WHEN u < 0.85 THEN 'points' WHEN u < 0.92 THEN 'credits'
                                WHEN u < 0.98 THEN 'free_months' ELSE 'discount_per' END AS unit) un`;

// Fulfilments: review 60% pending, 30% approved, 5% held, 5% rejected; promoters skewed like leads
// (campaign from their promotion); first delivery over 60 days, re-sent daily up to 5 days; 2% has_issues.
const seedFulfilments = (n: number, promoters: number) => `
INSERT INTO fulfilment (id, fp_status, review_status, reviewed_at, reviewed_by, review_reason, amount, unit, due_date, has_issues, reward,
                        fp_created_at, promoter_id, campaign_id, first_delivery_at, last_delivery_at, delivery_count, confirmed_at,
                        first_seen_at, updated_at, snapshot_at, snapshot_event_id)
SELECT 40000001 + i, 'pending', rs::review_status,
       CASE WHEN rs <> 'pending' THEN reviewed END, CASE WHEN rs <> 'pending' THEN 'user_admin_1' END,
       CASE WHEN rs IN ('held', 'rejected') THEN 'checking with the promoter' END,
       CASE un.unit WHEN 'cash' THEN round(1000 + pg_temp.r(i, 94) * 49000) WHEN 'credits' THEN 2500 WHEN 'points' THEN 500 ELSE 1 END,
       un.unit, first + interval '30 days', pg_temp.r(i, 96) < 0.02,
       jsonb_build_object('id', 5002, 'type', 'per_promotion', 'unit', un.unit, 'name', 'Reward in ' || un.unit),
       first - interval '1 minute', pr.promoter_id, pr.campaign_id, first, last,
       1 + floor(extract(epoch FROM last - first) / 86400)::int,
       CASE WHEN rs = 'approved' THEN least(now(), reviewed + interval '1 hour') END,
       first, last, first, 4000000 + i
FROM (
  SELECT i, now() - interval '60 days' + pg_temp.r(i, 90) * interval '60 days' AS first,
         least(${promoters - 1}, floor(${promoters} * pg_temp.r(i, 91) ^ 3))::int AS pidx,
         CASE WHEN pg_temp.r(i, 92) < 0.60 THEN 'pending' WHEN pg_temp.r(i, 92) < 0.90 THEN 'approved'
              WHEN pg_temp.r(i, 92) < 0.95 THEN 'held' ELSE 'rejected' END AS rs,
         pg_temp.r(i, 93) AS u, pg_temp.r(i, 95) AS later
  FROM generate_series(0, ${n - 1}) AS i
) a
JOIN promotion pr ON pr.id = 9000000 + a.pidx
CROSS JOIN LATERAL (SELECT CASE WHEN u < 0.40 THEN 'free_months' WHEN u < 0.75 THEN 'credits' WHEN u < 0.95 THEN 'cash' ELSE 'points' END AS unit) un
CROSS JOIN LATERAL (SELECT least(now(), first + later * interval '5 days') AS last, least(now(), first + later * interval '3 days') AS reviewed) t`;

const seedUsers = () => `
INSERT INTO app_user (id, name, email, email_verified, role, created_at, updated_at) VALUES
  ${SEED_USERS.map((u) => `('${u.id}', '${u.name}', '${u.email}', true, '${u.role}', now() - interval '90 days', now() - interval '90 days')`).join(",\n  ")}`;

// The audit log as the app writes it (lib/auth/sign-in.ts, review-fulfilments.ts, stream-csv-export.ts):
// 35% sign-ins, 10% failed and 2% throttled (no actor; the typed email as target), 20% sign-outs, 25%
// fulfilment reviews, 5% exports, 3% user and password changes; evenly over 60 days.
const seedAudit = (n: number, fulfilments: number) => `
INSERT INTO audit_log (at, actor_id, actor_email, action, target_type, target_id, before, after, ip)
SELECT a.at, CASE WHEN an.anon THEN NULL ELSE u.id END, CASE WHEN an.anon THEN NULL ELSE u.email END, ac.action,
       CASE WHEN ac.action LIKE 'fulfilment.%' THEN 'fulfilment' WHEN an.anon THEN 'email' WHEN ac.action = 'export.csv' THEN 'export' ELSE 'user' END,
       CASE WHEN ac.action LIKE 'fulfilment.%' THEN (40000001 + a.fidx)::text
            WHEN an.anon THEN u.email
            WHEN ac.action = 'export.csv' THEN (ARRAY['leads', 'rewards', 'promoters', 'fulfilments', 'events'])[1 + a.i % 5]
            ELSE u.id END,
       CASE WHEN ac.action LIKE 'fulfilment.%' THEN jsonb_build_object('review_status', 'pending') END,
       CASE WHEN ac.action LIKE 'fulfilment.%' THEN jsonb_build_object('review_status', split_part(ac.action, '.', 2), 'amount', '2500.0000', 'unit', 'credits')
            WHEN ac.action = 'export.csv' THEN jsonb_build_object('entity', 'leads', 'filters', '{}'::jsonb, 'columns', jsonb_build_array('id', 'email')) END,
       '203.0.113.' || (a.i % 250)
FROM (
  SELECT i, now() - interval '60 days' + (i::float8 / ${n}) * interval '60 days' AS at, pg_temp.r(i, 101) AS s,
         floor(pg_temp.r(i, 102) * ${SEED_USERS.length})::int AS ui, floor(pg_temp.r(i, 103) * ${fulfilments})::int AS fidx
  FROM generate_series(1, ${n}) AS i
) a
JOIN (VALUES ${SEED_USERS.map((u, n) => `(${n}, '${u.id}', '${u.email}')`).join(", ")}) AS u(n, id, email) ON u.n = a.ui
CROSS JOIN LATERAL (SELECT CASE WHEN s < 0.35 THEN 'auth.sign_in' WHEN s < 0.45 THEN 'auth.sign_in_failed' WHEN s < 0.47 THEN 'auth.sign_in_throttled'
    WHEN s < 0.67 THEN 'auth.sign_out' WHEN s < 0.82 THEN 'fulfilment.approve' WHEN s < 0.87 THEN 'fulfilment.hold'
    WHEN s < 0.92 THEN 'fulfilment.reject' WHEN s < 0.97 THEN 'export.csv' WHEN s < 0.98 THEN 'auth.password_change'
    WHEN s < 0.99 THEN 'user.role_change' WHEN s < 0.995 THEN 'user.create' ELSE 'user.remove' END AS action) ac
CROSS JOIN LATERAL (SELECT ac.action IN ('auth.sign_in_failed', 'auth.sign_in_throttled') AS anon) an`;

// Which records each event touched, as the webhook writes them: its promoter (every seeded event
// names one), a lead event's lead, a reward's lead and the reward, a fulfilment_pending's fulfilment.
const seedEventRecords = (fulfilments: number) => `
INSERT INTO event_record (event_id, record_type, record_id)
SELECT e.id, 'promoter'::record_type, (e.payload #>> '{data,promoter,id}')::bigint FROM webhook_event e WHERE e.payload #>> '{data,promoter,id}' IS NOT NULL
UNION ALL
SELECT e.id, 'lead'::record_type, (e.payload #>> '{data,id}')::bigint FROM webhook_event e
WHERE e.type IN ('lead_signup', 'lead_becomes_referral', 'new_customer', 'lead_cancelled') AND e.status = 'processed'
UNION ALL
SELECT e.id, 'lead'::record_type, (e.payload #>> '{data,lead,id}')::bigint FROM webhook_event e WHERE e.type = 'reward_created' AND e.status = 'processed'
UNION ALL
SELECT e.id, 'reward'::record_type, (e.payload #>> '{data,id}')::bigint FROM webhook_event e WHERE e.type = 'reward_created' AND e.status = 'processed'
UNION ALL
SELECT e.id, 'fulfilment'::record_type, 40000001 + ((e.external_id::bigint - 20000000) / 7) % ${fulfilments} FROM webhook_event e
WHERE e.type = 'fulfilment_pending' AND e.status = 'processed'
UNION ALL
SELECT e.id, 'campaign'::record_type, 13202 FROM webhook_event e WHERE e.type = 'promoter_accepted' AND e.status = 'processed'`;

/** Fills a freshly migrated database; `log` gets one line per step with its time. */
export async function seedListBench(c: pg.Client, sizes: ListSeedSizes, log: (m: string) => void): Promise<void> {
  for (const [k, v] of Object.entries(sizes)) {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`--${k} must be a positive integer, got ${v}`);
  }
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    await c.query(sql, params);
    log(`  ${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  };
  await c.query(RANDOM_FUNCTION);
  await step(`${sizes.events} events`, SEED_EVENTS, [sizes.events, sizes.leads, sizes.promoters]);
  await step("deliveries", SEED_DELIVERIES);
  await step("fulfilment re-sends", SEED_FULFILMENT_RESENDS);
  await step("campaigns", seedCampaigns());
  await step(`${sizes.promoters} promoters`, seedPromoters(sizes.promoters));
  await step("balances", SEED_BALANCES);
  await step("promotions", SEED_PROMOTIONS);
  await step(`${sizes.leads} leads`, seedLeads(sizes.leads, sizes.promoters));
  await step(`${sizes.rewards} rewards`, seedRewards(sizes.rewards, sizes.leads));
  await step(`${sizes.fulfilments} fulfilments`, seedFulfilments(sizes.fulfilments, sizes.promoters));
  await step("users", seedUsers());
  await step(`${sizes.audit} audit rows`, seedAudit(sizes.audit, sizes.fulfilments));
  await step("event records", seedEventRecords(sizes.fulfilments));
  // VACUUM as well as ANALYZE: autovacuum would otherwise get to these freshly inserted tables in the
  // middle of the timings (and set the visibility map index-only scans need, changing plans mid-run).
  await step("vacuum analyze", "VACUUM (ANALYZE)");
}
