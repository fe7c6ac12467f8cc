// The bulk data set of `npm run seed:bulk` (scripts/seed-bulk.ts) and of the list bench
// (bench/list-queries.ts): webhook events (v1, then v2 from 60% of the period) with their delivery rows
// and event records, and every projection table, written straight into Postgres with set-based
// INSERT … SELECT over generate_series (one statement per chunk of rows, computed inside the server:
// no row crosses the wire, which beats COPY from a client), consistent with what ingestion would have
// projected, with the skews of a real program: a few promoters bring most leads (floor(P·r³)), most
// balances are cash, most leads never convert, most fulfilments wait for review, and events come in
// bursts (a sinusoidal rate: busy days carry ~9× the events of quiet ones).
//
// Deterministic: every draw is a hash of the row number (pg_temp.r) and times count back from an
// anchor stored with the progress, so a resumed seed writes exactly the rows a straight run would.
// Resumable: each chunk commits with its progress row (ledger_seed_progress); stop it at any point
// and run it again to continue.
//
// Ids line up with what the seeded events name, so the detail pages have timelines: promoters
// 3000000 + i, promotions 9000000 + i (9500000 + i: a second campaign), leads 21000000 + i, rewards
// 11000000 + i, fulfilments 40000001 + i (v2 ones are commissions too: reward id = fulfilment id),
// payouts 60000001 + i, campaigns 13202..13206.
import type pg from "pg";

export type ListSeedSizes = {
  events: number;
  promoters: number;
  leads: number;
  rewards: number;
  fulfilments: number;
  payouts: number;
  audit: number;
  /** How many days the data spans, ending at the anchor (default 60). */
  days?: number;
};

export type SeedProgress = { step: string; done: number; total: number; rowsPerSecond: number; seconds: number };

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
CREATE OR REPLACE FUNCTION pg_temp.r(i bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT (hashint8(i * 1009 + salt) & 2147483647)::float8 / 2147483648.0 $$`;

const PROGRESS_TABLE = `
CREATE TABLE IF NOT EXISTS ledger_seed_progress (step text PRIMARY KEY, done bigint NOT NULL DEFAULT 0, total bigint NOT NULL, meta jsonb)`;

/** Row ranges [lo, hi) of one step; `sql` writes them (in the step's own numbering). */
type Step = { name: string; total: number; chunk: number; sql: (lo: number, hi: number) => string };

/** The statements of the data set for these sizes, anchored at `anchor` (ISO). */
function steps(sizes: ListSeedSizes, anchor: string): Step[] {
  const days = sizes.days ?? 60;
  const T = `'${anchor}'::timestamptz`;
  const span = `interval '${days} days'`;
  /** A time in the period for x in [0, 1], with bursts (monotonic: the rate is 1 ± 0.8 · cos). */
  const K = Math.max(1, Math.round(days / 9));
  const at = (x: string) => `(${T} - ${span} + (${x} - 0.8 * sin(2 * pi() * ${K} * ${x}) / (2 * pi() * ${K})) * ${span})`;
  const { events: E, promoters: P, leads: L, rewards: R, fulfilments: F, payouts: PO, audit: A } = sizes;
  const v2From = Math.floor(E * 0.6);
  return [
    { name: "campaigns and users", total: 1, chunk: 1, sql: () => `${seedCampaigns(T)};\n${seedUsers(T)}` },
    { name: "promoters", total: P, chunk: 20_000, sql: (lo, hi) => seedPromoters(lo, hi, P, at) },
    { name: "leads", total: L, chunk: 100_000, sql: (lo, hi) => seedLeads(lo, hi, P, at) },
    { name: "rewards", total: R, chunk: 100_000, sql: (lo, hi) => seedRewards(lo, hi, L, at) },
    { name: "fulfilments", total: F, chunk: 20_000, sql: (lo, hi) => seedFulfilments(lo, hi, P, at, T) },
    { name: "payouts", total: PO, chunk: 50_000, sql: (lo, hi) => seedPayouts(lo, hi, P, R, at) },
    { name: "events", total: E, chunk: 50_000, sql: (lo, hi) => seedEvents(lo, hi, E, L, P, R, F, v2From, at, T) },
    { name: "audit rows", total: A, chunk: 200_000, sql: (lo, hi) => seedAudit(lo, hi, A, F, at) },
  ];
}

// ---------------------------------------------------------------------------------------------
// Events, deliveries and event records: ~1 KB payloads, the simulator's type mix. Each lead event
// names a lead and that lead's promoter as the lead rows have them (the same draws: pg_temp.r(lead,
// 71)), so a promoter who brings many leads also has a long timeline. v2 events (from 60% of the
// period) carry the v2 envelope and route by entity. One delivery per event, a tenth re-delivered
// (duplicates), 0.5% refused before storing, and 1% of pending fulfilments re-sent hourly for two days.

function seedEvents(lo: number, hi: number, E: number, L: number, P: number, R: number, F: number, v2From: number, at: (x: string) => string, T: string): string {
  return `
WITH src AS MATERIALIZED (
  SELECT i, v2, type, entity, occurred, lead, p, fidx, i * 31 % 200 = 0 AS broken,
         CASE WHEN v2 THEN md5('ledger-seed-' || i)::uuid::text ELSE (20000000 + i * 7)::text END AS ext,
         jsonb_build_object('id', 3000000 + p, 'email', 'promoter' || p || '@example.com', 'status', 'active',
           'profile', jsonb_build_object('first_name', 'Jane', 'last_name', 'Smith', 'bio', repeat('b', 300))) AS promoter,
         'lead' || lead || '@' || CASE WHEN lead % 5 = 0 THEN 'mail.test' ELSE 'example.com' END AS lead_email
  FROM (
    SELECT i, v2, t.type, t.entity, ${at(`(i::float8 / ${E})`)} AS occurred, ld.lead,
           least(${P - 1}, floor(${P} * CASE WHEN t.kind IN ('lead', 'reward') THEN pg_temp.r(ld.lead, 71) ELSE pg_temp.r(i, 7) END ^ 3))::int AS p,
           (i * 7919) % ${F} AS fidx
    FROM (SELECT i, (i * 2654435761::bigint) % 1000 AS b, i > ${v2From} AS v2 FROM generate_series(${lo + 1}::bigint, ${hi}::bigint) AS i) s
    CROSS JOIN LATERAL (SELECT k.kind, CASE WHEN v2 THEN k.v2type ELSE k.v1type END AS type, CASE WHEN v2 THEN k.entity END AS entity FROM (VALUES
        (300, 'lead', 'lead_signup', 'referral.created', 'referral'), (480, 'lead', 'lead_becomes_referral', 'referral.updated', 'referral'),
        (600, 'lead', 'new_customer', 'referral.updated', 'referral'), (800, 'reward', 'reward_created', 'commission.created', 'commission'),
        (860, 'fulfilment', 'fulfilment_pending', 'commission.updated', 'commission'), (894, 'promoter', 'promoter_signed_up', 'promoter.created', 'promoter'),
        (900, 'promoter', 'promoter_signs_up', 'promoter.updated', 'promoter'), (950, 'promoter', 'promoter_accepted', 'promoter_campaign.updated', 'promotercampaign'),
        (980, 'lead', 'lead_cancelled', 'referral.updated', 'referral'), (1000, 'payout', 'payout_created', 'payout.updated', 'payout')
      ) AS k(upto, kind, v1type, v2type, entity) WHERE b < k.upto ORDER BY k.upto LIMIT 1) t
    CROSS JOIN LATERAL (SELECT CASE WHEN t.kind = 'reward' AND pg_temp.r(i, 81) < 0.3
        THEN (floor(2000 * pg_temp.r(i, 82) ^ 2)::bigint * 37) % ${L} ELSE (i * 7919) % ${L} END AS lead) ld
  ) r
),
rows AS (
  SELECT src.*, CASE WHEN v2 THEN 'firstpromoter_v2' ELSE 'firstpromoter' END AS source,
    CASE WHEN v2 THEN jsonb_build_object('event_id', ext, 'event_type', type, 'action', split_part(type, '.', 2), 'entity_type', entity,
           'entity_id', d.id, 'data', d.data, 'changes', CASE WHEN type = 'commission.updated' THEN jsonb_build_object('status', jsonb_build_array('pending', 'approved')) ELSE '{}'::jsonb END,
           'timestamp', date_trunc('second', occurred))
         ELSE jsonb_build_object('event', jsonb_build_object('id', 20000000 + i * 7, 'type', type, 'created_at', occurred), 'data', d.data) END AS payload,
    CASE WHEN NOT v2 AND type = 'payout_created' THEN 'ignored' WHEN broken THEN 'failed' ELSE 'processed' END::event_status AS status
  FROM src
  CROSS JOIN LATERAL (SELECT CASE
      WHEN entity = 'referral' OR (NOT v2 AND type IN ('lead_signup', 'lead_becomes_referral', 'new_customer', 'lead_cancelled')) THEN 21000000 + lead
      WHEN entity = 'commission' AND type = 'commission.updated' THEN 40000001 + fidx
      WHEN entity = 'commission' OR type = 'reward_created' THEN 11000001 + i % ${R}
      WHEN entity = 'payout' THEN 60000001 + i % 1000
      ELSE 2400000 + i END AS id) x
  CROSS JOIN LATERAL (SELECT x.id, CASE
      WHEN entity = 'referral' OR (NOT v2 AND type IN ('lead_signup', 'lead_becomes_referral', 'new_customer', 'lead_cancelled')) THEN jsonb_build_object('id', x.id, 'email', lead_email, 'state', 'signup', 'uid', '',
          'custom_fields', jsonb_build_object('utm_source', 'newsletter', 'note', repeat('n', 300)), 'promoter', promoter)
      WHEN type = 'reward_created' OR entity = 'commission' THEN jsonb_build_object('id', x.id, 'amount', 200, 'unit', 'cash',
          'status', CASE WHEN type = 'commission.updated' THEN 'approved' ELSE 'pending' END,
          'lead', jsonb_build_object('id', 21000000 + lead, 'email', lead_email), 'promoter', promoter)
      ELSE jsonb_build_object('id', x.id, 'promoter', promoter,
          'campaign', jsonb_build_object('id', 13202, 'name', 'Main Campaign', 'landing_url', 'https://www.example.com'))
    END AS data) d
),
ev AS (
  INSERT INTO webhook_event (source, entity_type, external_id, type, occurred_at, received_at, payload, status, error)
  SELECT source, entity, ext, type, occurred, occurred + make_interval(secs => 0.05 + (i * 13 % 2000) / 1000.0), payload, status,
         CASE WHEN status = 'failed' THEN 'data.promoter.id: expected a number' END
  FROM rows
  RETURNING id, source, external_id, type, received_at, status, error
),
joined AS (SELECT ev.*, rows.i, rows.v2, rows.entity, rows.lead, rows.p, rows.fidx, (rows.payload #>> '{data,id}')::bigint AS data_id
           FROM ev JOIN rows ON rows.source = ev.source AND rows.ext = ev.external_id),
deliveries AS (
  INSERT INTO webhook_delivery (received_at, status_code, outcome, format, error_code, reason, external_event_id, event_type, event_id, body_bytes)
  SELECT received_at, CASE WHEN status = 'failed' THEN 422 WHEN type = 'fulfilment_pending' THEN 202 ELSE 200 END,
         CASE status WHEN 'failed' THEN 'rejected' WHEN 'ignored' THEN 'ignored' ELSE 'accepted' END, CASE WHEN v2 THEN 'v2' ELSE 'v1' END,
         CASE WHEN status = 'failed' THEN 'invalid_data' END, error, external_id, type, id, 1200
  FROM joined
  UNION ALL
  SELECT received_at + interval '1 hour', CASE WHEN type = 'fulfilment_pending' THEN 202 ELSE 200 END, 'duplicate', CASE WHEN v2 THEN 'v2' ELSE 'v1' END,
         NULL, NULL, external_id, type, id, 1200
  FROM joined WHERE i % 10 = 3
  UNION ALL
  SELECT received_at - interval '1 second', (ARRAY[401, 400, 413, 415])[1 + (i / 200) % 4], 'rejected', CASE WHEN v2 THEN 'v2' ELSE 'v1' END,
         (ARRAY['unauthorized', 'invalid_envelope', 'payload_too_large', 'unsupported_media_type'])[1 + (i / 200) % 4], 'refused before storing',
         external_id, type, NULL, 1200
  FROM joined WHERE i % 200 = 7
  UNION ALL
  SELECT received_at + n * interval '1 hour', 202, 'duplicate', 'v1', NULL, NULL, external_id, type, id, 1200
  FROM joined CROSS JOIN generate_series(1, 48) AS n
  WHERE type = 'fulfilment_pending' AND pg_temp.r(i, 8) < 0.01 AND received_at + n * interval '1 hour' < ${T}
  RETURNING 1
)
INSERT INTO event_record (event_id, record_type, record_id)
SELECT id, 'promoter'::record_type, 3000000 + p FROM joined
UNION ALL
SELECT id, 'lead'::record_type, 21000000 + lead FROM joined WHERE status = 'processed' AND (entity = 'referral' OR type IN ('lead_signup', 'lead_becomes_referral', 'new_customer', 'lead_cancelled', 'reward_created'))
UNION ALL
SELECT id, 'reward'::record_type, data_id FROM joined WHERE status = 'processed' AND type IN ('reward_created', 'commission.created')
UNION ALL
SELECT id, 'fulfilment'::record_type, 40000001 + fidx FROM joined WHERE status = 'processed' AND type IN ('fulfilment_pending', 'commission.updated')
UNION ALL
SELECT id, 'payout'::record_type, data_id FROM joined WHERE status = 'processed' AND entity = 'payout'
UNION ALL
SELECT id, 'campaign'::record_type, 13202 FROM joined WHERE status = 'processed' AND type IN ('promoter_accepted', 'promoter_campaign.updated')
ON CONFLICT DO NOTHING`;
}

// ---------------------------------------------------------------------------------------------
// Projections.

const FIRST_NAMES = ["Jane", "John", "Maria", "Liam", "Olivia", "Noah", "Emma", "Lucas", "Sofia", "Mateo", "Ava", "Ethan", "Mia", "Leo", "Chloe", "Hugo", "Nina", "Omar", "Yuki", "Priya"];
const LAST_NAMES = ["Smith", "Garcia", "Müller", "Rossi", "Dubois", "Silva", "Kowalski", "Nguyen", "Kim", "Patel", "Jensen", "Novak", "Costa", "Schmidt", "Brown", "Tanaka", "Cohen", "Okafor", "Larsen", "Moreau"];
const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")}]`;


function seedCampaigns(T: string): string {
  const rows = SEED_CAMPAIGNS.map((c) => `(${c.id}, '${c.name}', 'https://www.example.com/${c.id}', ${T} - interval '400 days', 1)`).join(",\n  ");
  return `INSERT INTO campaign (id, name, landing_url, snapshot_at, snapshot_event_id) VALUES\n  ${rows}\nON CONFLICT DO NOTHING`;
}

/** The campaign id a draw in [0, 1) falls on, by SEED_CAMPAIGNS' shares. */
function campaignOf(draw: string): string {
  let acc = 0;
  const arms = SEED_CAMPAIGNS.slice(0, -1).map((c) => `WHEN ${draw} < ${(acc += c.share).toFixed(4)} THEN ${c.id}`);
  return `CASE ${arms.join(" ")} ELSE ${SEED_CAMPAIGNS.at(-1)?.id} END`;
}

// Statuses: 70% active, 15% pending, 8% inactive, 5% denied, 2% blocked; 0.5% deleted (v2). Ref ids
// like FirstPromoter's ("jane42"), 3% without a name, 2% without FirstPromoter's created_at. Balances:
// cash for 80%, free months 15%, credits 10%, points 10%, discount % 2% (paid 0 for 30% of each); one
// promotion per promoter (campaign by share) and a second in another campaign for 10%.
const seedPromoters = (lo: number, hi: number, P: number, at: (x: string) => string) => `
WITH p AS (
  INSERT INTO promoter (id, status, deleted, email, default_ref_id, first_name, last_name, profile, fp_created_at, first_seen_at, updated_at, snapshot_at, snapshot_event_id)
  SELECT 3000000 + i,
         CASE WHEN s < 0.70 THEN 'active' WHEN s < 0.85 THEN 'pending' WHEN s < 0.93 THEN 'inactive' WHEN s < 0.98 THEN 'denied' ELSE 'blocked' END,
         pg_temp.r(i, 9) < 0.005,
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
           ${at("pg_temp.r(i, 6)")} AS created
    FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) AS i
  ) s
  RETURNING id, id - 3000000 AS i, default_ref_id, snapshot_at, snapshot_event_id
),
balances AS (
  INSERT INTO promoter_balance (promoter_id, kind, unit, amount, snapshot_at, snapshot_event_id)
  SELECT p.id, k.kind, u.unit, CASE k.kind WHEN 'earnings' THEN u.earn WHEN 'paid' THEN u.paid ELSE u.earn - u.paid END, p.snapshot_at, p.snapshot_event_id
  FROM p
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
  WHERE u.has
  RETURNING 1
),
first_promotion AS (
  INSERT INTO promotion (id, promoter_id, campaign_id, status, state, ref_id, referral_link, current_referral_reward, snapshot_at, snapshot_event_id)
  SELECT 9000000 + p.i, p.id, ${campaignOf("pg_temp.r(p.id, 61)")}, 'offer_running', 'accepted', p.default_ref_id,
         'https://www.example.com/?fpr=' || p.default_ref_id,
         jsonb_build_object('id', 5001, 'amount', 0, 'type', 'per_referral', 'unit', 'cash', 'name', '20% recurring commission', 'per_of_sale', 20),
         p.snapshot_at, p.snapshot_event_id
  FROM p
  RETURNING 1
)
INSERT INTO promotion (id, promoter_id, campaign_id, status, ref_id, referral_link, snapshot_at, snapshot_event_id)
SELECT 9500000 + p.i, p.id, CASE WHEN pg_temp.r(p.id, 63) < 0.5 THEN 13203 ELSE 13204 END, 'offer_running',
       p.default_ref_id || 'b', 'https://www.example.com/?fpr=' || p.default_ref_id || 'b', p.snapshot_at, p.snapshot_event_id
FROM p WHERE pg_temp.r(p.id, 62) < 0.10`;

// Leads: promoter drawn as floor(P·r³), so promoter 3000000 brings ~4.6% of all leads and the median
// promoter a handful; 1% without a promoter. States: 40% signup, 15% referral, 25% active, 5%
// customer, 14.5% cancelled, 0.5% denied; suspicion 90% no_suspicion; 0.3% deleted (v2).
const seedLeads = (lo: number, hi: number, P: number, at: (x: string) => string) => `
INSERT INTO lead (id, state, deleted, suspicion, email, uid, plan_name, customer_since, cancelled_at, custom_fields, split_promotion_id,
                  fp_created_at, first_seen_at, promoter_id, promotion_id, updated_at, snapshot_at, snapshot_event_id)
SELECT 21000000 + i, st.state, pg_temp.r(i, 69) < 0.003,
       CASE WHEN su < 0.90 THEN 'no_suspicion' WHEN su < 0.94 THEN 'same_ip_suspicion' WHEN su < 0.97 THEN 'same_promoter_email' ELSE 'ad_source' END,
       'lead' || i || '@' || CASE WHEN i % 5 = 0 THEN 'mail.test' ELSE 'example.com' END,
       CASE WHEN st.state <> 'signup' THEN 'cus_' || i END,
       CASE WHEN cs.since IS NOT NULL THEN (ARRAY['Starter', 'Pro', 'Pro', 'Business', 'Enterprise'])[1 + floor(pg_temp.r(i, 76) * 5)::int] END,
       cs.since, cc.cancelled,
       CASE WHEN pg_temp.r(i, 77) < 0.3 THEN jsonb_build_object('utm_source', (ARRAY['newsletter', 'twitter', 'blog'])[1 + i % 3], 'utm_campaign', 'spring') END,
       CASE WHEN pg_temp.r(i, 78) < 0.02 THEN 9000000 + (pidx + 1) % ${P} END,
       CASE WHEN pg_temp.r(i, 79) < 0.02 THEN NULL ELSE created END, created + interval '1 minute',
       CASE WHEN orphan THEN NULL ELSE 3000000 + pidx END, CASE WHEN orphan THEN NULL ELSE 9000000 + pidx END,
       greatest(created, cs.since, cc.cancelled), greatest(created, cs.since, cc.cancelled), 2000000 + i
FROM (
  SELECT i, ${at("pg_temp.r(i, 70)")} AS created,
         least(${P - 1}, floor(${P} * pg_temp.r(i, 71) ^ 3))::int AS pidx,
         pg_temp.r(i, 72) < 0.01 AS orphan, pg_temp.r(i, 73) AS s, pg_temp.r(i, 80) AS su
  FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) AS i
) a
CROSS JOIN LATERAL (SELECT CASE WHEN s < 0.40 THEN 'signup' WHEN s < 0.55 THEN 'referral' WHEN s < 0.80 THEN 'active'
                                WHEN s < 0.85 THEN 'customer' WHEN s < 0.995 THEN 'cancelled' ELSE 'denied' END AS state) st
CROSS JOIN LATERAL (SELECT CASE WHEN st.state IN ('active', 'customer', 'cancelled')
                                THEN created + pg_temp.r(i, 74) * interval '10 days' END AS since) cs
CROSS JOIN LATERAL (SELECT CASE WHEN st.state = 'cancelled' THEN cs.since + pg_temp.r(i, 75) * interval '20 days' END AS cancelled) cc`;

// Rewards: 70% one per lead, 30% renewals piled on 2000 recurring customers (lead 21000000 gets
// ~700 per 100k). Units 75% cash, 10% points, 7% credits, 6% free months, 2% discount %; statuses 70%
// approved, 20% pending, 8% denied, 2% cancelled; 1% without an amount; half the approved paid.
const seedRewards = (lo: number, hi: number, L: number, at: (x: string) => string) => `
INSERT INTO reward (id, status, is_paid, amount, unit, conversion_amount, tier_level, fp_event_id, fp_created_at, first_seen_at,
                    lead_id, promoter_id, promotion_id, updated_at, snapshot_at, snapshot_event_id)
SELECT 11000000 + i, rs.status, CASE WHEN rs.status = 'approved' THEN pg_temp.r(i, 90) < 0.5 END,
       CASE WHEN pg_temp.r(i, 85) < 0.01 THEN NULL
            WHEN un.unit = 'cash' THEN CASE WHEN pg_temp.r(i, 86) < 0.01 THEN 500000 ELSE round(500 + pg_temp.r(i, 86) * 19500) END
            WHEN un.unit = 'points' THEN 250 * (1 + floor(pg_temp.r(i, 86) * 8))
            WHEN un.unit = 'credits' THEN 2500
            WHEN un.unit = 'free_months' THEN 1
            ELSE round((5 + pg_temp.r(i, 86) * 20)::numeric, 2) END,
       un.unit, round(1900 + pg_temp.r(i, 87) * 20000), 1, 7000000 + i,
       CASE WHEN pg_temp.r(i, 84) < 0.02 THEN NULL ELSE created END, created + interval '1 minute',
       21000000 + a.lidx, l.promoter_id, l.promotion_id, created, created, 3000000 + i
FROM (
  SELECT i, ${at("pg_temp.r(i, 83)")} AS created, pg_temp.r(i, 88) AS st, pg_temp.r(i, 89) AS u,
         CASE WHEN pg_temp.r(i, 81) < 0.3 THEN (floor(2000 * pg_temp.r(i, 82) ^ 2)::bigint * 37) % ${L} ELSE (i * 7919) % ${L} END AS lidx
  FROM generate_series(${lo + 1}::bigint, ${hi}::bigint) AS i
) a
JOIN lead l ON l.id = 21000000 + a.lidx
CROSS JOIN LATERAL (SELECT CASE WHEN st < 0.70 THEN 'approved' WHEN st < 0.90 THEN 'pending' WHEN st < 0.98 THEN 'denied' ELSE 'cancelled' END AS status) rs
CROSS JOIN LATERAL (SELECT CASE WHEN u < 0.75 THEN 'cash' WHEN u < 0.85 THEN 'points' WHEN u < 0.92 THEN 'credits'
                                WHEN u < 0.98 THEN 'free_months' ELSE 'discount_per' END AS unit) un`;

// Fulfilments: review 60% pending, 30% approved, 5% held, 5% rejected, and every sync state with the
// outbox command it implies (scheduled, in flight, retrying, waiting, not connected, confirmed,
// failed, settled, unfulfil and deny in each state); 30% came by v2 (an approved non-monetary
// commission). Promoters skewed like leads; first delivery over the period, re-sent daily up to 5 days.
const SYNC_OF_APPROVED = `CASE WHEN y < 0.12 THEN 'sending' WHEN y < 0.22 THEN 'sent' WHEN y < 0.27 THEN 'retrying' WHEN y < 0.30 THEN 'waiting'
  WHEN y < 0.35 THEN 'not_connected' WHEN y < 0.38 THEN 'paused' WHEN y < 0.65 THEN 'confirmed' WHEN y < 0.80 THEN 'answered_200' WHEN y < 0.85 THEN 'failed'
  WHEN y < 0.88 THEN 'fp_fulfilled' WHEN y < 0.90 THEN 'unfulfil_scheduled' WHEN y < 0.92 THEN 'unfulfil_sent' WHEN y < 0.94 THEN 'unfulfil_confirmed'
  WHEN y < 0.96 THEN 'unfulfil_failed' ELSE 'settled' END`;
const SYNC_OF_REJECTED = `CASE WHEN y < 0.2 THEN 'deny_scheduled' WHEN y < 0.4 THEN 'deny_sent' WHEN y < 0.8 THEN 'deny_confirmed' WHEN y < 0.9 THEN 'deny_failed' ELSE 'fp_denied' END`;
/** The command a sync state implies: kind, state (null: none). */
const COMMAND_OF = `CASE sync
  WHEN 'sending' THEN 'mark_fulfilled:scheduled' WHEN 'sent' THEN 'mark_fulfilled:in_flight' WHEN 'retrying' THEN 'mark_fulfilled:in_flight'
  WHEN 'waiting' THEN 'mark_fulfilled:waiting' WHEN 'not_connected' THEN 'mark_fulfilled:not_connected' WHEN 'paused' THEN 'mark_fulfilled:in_flight'
  WHEN 'confirmed' THEN 'mark_fulfilled:confirmed' WHEN 'failed' THEN 'mark_fulfilled:failed' WHEN 'settled' THEN 'mark_fulfilled:failed'
  WHEN 'unfulfil_scheduled' THEN 'mark_unfulfilled:scheduled' WHEN 'unfulfil_sent' THEN 'mark_unfulfilled:in_flight'
  WHEN 'unfulfil_confirmed' THEN 'mark_unfulfilled:confirmed' WHEN 'unfulfil_failed' THEN 'mark_unfulfilled:failed'
  WHEN 'deny_scheduled' THEN 'deny:scheduled' WHEN 'deny_sent' THEN 'deny:in_flight' WHEN 'deny_confirmed' THEN 'deny:confirmed' WHEN 'deny_failed' THEN 'deny:failed' END`;

const seedFulfilments = (lo: number, hi: number, P: number, at: (x: string) => string, T: string) => `
WITH src AS MATERIALIZED (
  SELECT a.*, pr.promoter_id, pr.campaign_id, un.unit, t.last, t.reviewed,
         CASE rs WHEN 'pending' THEN 'awaiting_review' WHEN 'held' THEN 'held' WHEN 'approved' THEN ${SYNC_OF_APPROVED} ELSE ${SYNC_OF_REJECTED} END AS sync
  FROM (
    SELECT i, ${at("pg_temp.r(i, 90)")} AS first,
           least(${P - 1}, floor(${P} * pg_temp.r(i, 91) ^ 3))::int AS pidx,
           CASE WHEN pg_temp.r(i, 92) < 0.60 THEN 'pending' WHEN pg_temp.r(i, 92) < 0.90 THEN 'approved'
                WHEN pg_temp.r(i, 92) < 0.95 THEN 'held' ELSE 'rejected' END AS rs,
           pg_temp.r(i, 93) AS u, pg_temp.r(i, 95) AS later, pg_temp.r(i, 97) AS y, pg_temp.r(i, 98) < 0.3 AS v2
    FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) AS i
  ) a
  JOIN promotion pr ON pr.id = 9000000 + a.pidx
  CROSS JOIN LATERAL (SELECT CASE WHEN u < 0.40 THEN 'free_months' WHEN u < 0.75 THEN 'credits' WHEN u < 0.95 THEN 'cash' ELSE 'points' END AS unit) un
  CROSS JOIN LATERAL (SELECT least(${T}, first + later * interval '5 days') AS last, least(${T}, first + later * interval '3 days') AS reviewed) t
),
f AS (
  INSERT INTO fulfilment (id, fp_status, format, review_status, reviewed_at, reviewed_by, review_reason, amount, unit, due_date, has_issues, reward,
                          fp_created_at, promoter_id, campaign_id, first_delivery_at, last_delivery_at, delivery_count, answered_200_at,
                          sync_state, command_id, fp_outcome, fp_outcome_at, undo_until, first_seen_at, updated_at, snapshot_at, snapshot_event_id)
  SELECT 40000001 + i, CASE WHEN v2 THEN 'approved' ELSE 'pending' END, CASE WHEN v2 THEN 'v2' ELSE 'v1' END, rs::review_status,
         CASE WHEN rs <> 'pending' THEN reviewed END, CASE WHEN rs <> 'pending' THEN 'user_admin_1' END,
         CASE WHEN rs IN ('held', 'rejected') THEN 'checking with the promoter' END,
         CASE unit WHEN 'cash' THEN round(1000 + pg_temp.r(i, 94) * 49000) WHEN 'credits' THEN 2500 WHEN 'points' THEN 500 ELSE 1 END,
         unit, first + interval '30 days', pg_temp.r(i, 96) < 0.02,
         jsonb_build_object('id', 5002, 'type', 'per_promotion', 'unit', unit, 'name', 'Reward in ' || unit),
         first - interval '1 minute', promoter_id, campaign_id, first, last,
         1 + floor(extract(epoch FROM last - first) / 86400)::int,
         CASE WHEN sync = 'answered_200' THEN least(${T}, reviewed + interval '1 hour') END,
         sync::sync_state, CASE WHEN ${COMMAND_OF} IS NOT NULL THEN 40000001 + i END,
         CASE WHEN sync IN ('confirmed', 'fp_fulfilled') THEN 'fulfilled' WHEN sync IN ('deny_confirmed', 'fp_denied') THEN 'denied' END,
         CASE WHEN sync IN ('confirmed', 'fp_fulfilled', 'deny_confirmed', 'fp_denied') THEN least(${T}, reviewed + interval '2 hours') END,
         CASE WHEN sync IN ('sending', 'deny_scheduled', 'unfulfil_scheduled') THEN ${T} + interval '30 seconds' END,
         first, last, first, 4000000 + i
  FROM src
  RETURNING 1
)
INSERT INTO fp_command (id, fulfilment_id, kind, state, step, decided_at, decided_by, undo_until, due_at, attempts, last_sent_at, last_error, last_error_at,
                        finished_at, result, settled_at, settled_by, created_at)
SELECT 40000001 + i, 40000001 + i, split_part(cmd, ':', 1)::command_kind, split_part(cmd, ':', 2)::command_state,
       CASE WHEN split_part(cmd, ':', 2) IN ('scheduled', 'not_connected') THEN 'read_back' ELSE split_part(cmd, ':', 1) END,
       reviewed, 'user_admin_1',
       CASE WHEN split_part(cmd, ':', 2) = 'scheduled' THEN ${T} + interval '30 seconds' END,
       CASE WHEN split_part(cmd, ':', 2) IN ('scheduled', 'in_flight') THEN ${T} + interval '30 seconds' END,
       CASE WHEN split_part(cmd, ':', 2) IN ('scheduled', 'not_connected') THEN 0 WHEN sync = 'retrying' THEN 3 ELSE 1 END,
       CASE WHEN split_part(cmd, ':', 2) NOT IN ('scheduled', 'not_connected') THEN reviewed + interval '30 seconds' END,
       CASE WHEN sync IN ('retrying', 'failed', 'settled', 'unfulfil_failed', 'deny_failed') THEN 'FirstPromoter answered 500: internal error'
            WHEN sync = 'paused' THEN 'FirstPromoter refused the API key (401)' END,
       CASE WHEN sync IN ('retrying', 'failed', 'settled', 'unfulfil_failed', 'deny_failed', 'paused') THEN reviewed + interval '31 seconds' END,
       CASE WHEN split_part(cmd, ':', 2) IN ('confirmed', 'failed') THEN reviewed + interval '2 hours' END,
       CASE WHEN split_part(cmd, ':', 2) = 'confirmed' THEN 'fulfilled' END,
       CASE WHEN sync = 'settled' THEN reviewed + interval '1 day' END, CASE WHEN sync = 'settled' THEN 'user_admin_1' END,
       reviewed
FROM (SELECT src.*, ${COMMAND_OF} AS cmd FROM src) c
WHERE cmd IS NOT NULL`;

// Payouts (v2): status 40% completed, 30% pending, 15% processing, 10% failed, 5% cancelled; 1%
// deleted; a monthly period; promoters skewed like leads; each linked to one to three commissions.
const seedPayouts = (lo: number, hi: number, P: number, R: number, at: (x: string) => string) => `
WITH po AS (
  INSERT INTO payout (id, status, amount, unit, total_incl_tax, period_start, period_end, paid_at, failed_at, error, fp_created_at, promoter_id,
                      campaign_id, deleted, snapshot_at, first_seen_at, updated_at)
  SELECT 60000001 + i, st, amt, unit, amt, date_trunc('month', created), date_trunc('month', created) + interval '1 month' - interval '1 second',
         CASE WHEN st = 'completed' THEN created + interval '3 days' END, CASE WHEN st = 'failed' THEN created + interval '2 days' END,
         CASE WHEN st = 'failed' THEN 'The bank refused the transfer' END, created, 3000000 + pidx, 13202, pg_temp.r(i, 119) < 0.01, created, created, created
  FROM (
    SELECT i, ${at("pg_temp.r(i, 110)")} AS created, least(${P - 1}, floor(${P} * pg_temp.r(i, 111) ^ 3))::int AS pidx,
           CASE WHEN pg_temp.r(i, 112) < 0.40 THEN 'completed' WHEN pg_temp.r(i, 112) < 0.70 THEN 'pending' WHEN pg_temp.r(i, 112) < 0.85 THEN 'processing'
                WHEN pg_temp.r(i, 112) < 0.95 THEN 'failed' ELSE 'cancelled' END AS st,
           CASE WHEN pg_temp.r(i, 113) < 0.8 THEN 'cash' ELSE 'points' END AS unit, round(1000 + pg_temp.r(i, 114) * 99000) AS amt
    FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) AS i
  ) a
  RETURNING id, id - 60000001 AS i, snapshot_at
)
INSERT INTO payout_commission (payout_id, commission_id, snapshot_at)
SELECT po.id, 11000001 + (po.i * 3 + k) % ${R}, po.snapshot_at FROM po CROSS JOIN generate_series(0, 2) AS k
WHERE k = 0 OR pg_temp.r(po.i * 3 + k, 115) < 0.4
ON CONFLICT DO NOTHING`;

const seedUsers = (T: string) => `
INSERT INTO app_user (id, name, email, email_verified, role, created_at, updated_at) VALUES
  ${SEED_USERS.map((u) => `('${u.id}', '${u.name}', '${u.email}', true, '${u.role}', ${T} - interval '400 days', ${T} - interval '400 days')`).join(",\n  ")}
ON CONFLICT DO NOTHING`;

// The audit log as the app writes it: 35% sign-ins, 10% failed and 2% throttled (no actor; the typed
// email as target), 20% sign-outs, 25% fulfilment reviews, 5% exports, 3% user and password changes.
const seedAudit = (lo: number, hi: number, A: number, F: number, at: (x: string) => string) => `
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
  SELECT i, ${at(`(i::float8 / ${A})`)} AS at, pg_temp.r(i, 101) AS s,
         floor(pg_temp.r(i, 102) * ${SEED_USERS.length})::int AS ui, floor(pg_temp.r(i, 103) * ${F})::int AS fidx
  FROM generate_series(${lo + 1}::bigint, ${hi}::bigint) AS i
) a
JOIN (VALUES ${SEED_USERS.map((u, n) => `(${n}, '${u.id}', '${u.email}')`).join(", ")}) AS u(n, id, email) ON u.n = a.ui
CROSS JOIN LATERAL (SELECT CASE WHEN s < 0.35 THEN 'auth.sign_in' WHEN s < 0.45 THEN 'auth.sign_in_failed' WHEN s < 0.47 THEN 'auth.sign_in_throttled'
    WHEN s < 0.67 THEN 'auth.sign_out' WHEN s < 0.82 THEN 'fulfilment.approve' WHEN s < 0.87 THEN 'fulfilment.hold'
    WHEN s < 0.92 THEN 'fulfilment.reject' WHEN s < 0.97 THEN 'export.csv' WHEN s < 0.98 THEN 'auth.password_change'
    WHEN s < 0.99 THEN 'user.role_change' WHEN s < 0.995 THEN 'user.create' ELSE 'user.remove' END AS action) ac
CROSS JOIN LATERAL (SELECT ac.action IN ('auth.sign_in_failed', 'auth.sign_in_throttled') AS anon) an`;

/** Rough bytes on disk per row of each kind, tables and indexes together (measured at 1M events). */
export const BYTES_PER_ROW: Record<keyof Omit<ListSeedSizes, "days">, number> = {
  events: 2_300,
  promoters: 3_000,
  leads: 1_300,
  rewards: 900,
  fulfilments: 1_800,
  payouts: 900,
  audit: 450,
};

export function estimateBytes(sizes: ListSeedSizes): number {
  return (Object.keys(BYTES_PER_ROW) as (keyof typeof BYTES_PER_ROW)[]).reduce((n, k) => n + sizes[k] * BYTES_PER_ROW[k], 0);
}

/**
 * Fills a migrated database (or continues a stopped seed of the same sizes). `log` gets one line per
 * step, `progress` one call per committed chunk. Throws when the database holds a seed of other sizes.
 */
export async function seedListBench(
  c: pg.Client,
  sizes: ListSeedSizes,
  log: (m: string) => void,
  progress: (p: SeedProgress) => void = () => {},
): Promise<void> {
  for (const [k, v] of Object.entries(sizes)) {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`--${k} must be a positive integer, got ${String(v)}`);
  }
  await c.query(RANDOM_FUNCTION);
  await c.query(PROGRESS_TABLE);
  const meta = await c.query<{ meta: { sizes: ListSeedSizes; anchor: string } }>(`SELECT meta FROM ledger_seed_progress WHERE step = '_seed'`);
  let anchor: string;
  const stored = meta.rows[0]?.meta;
  if (stored) {
    // jsonb keeps its own key order: compare key by key.
    const canonical = (o: object) => JSON.stringify(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
    if (canonical(stored.sizes) !== canonical(sizes)) {
      throw new Error(`this database holds a seed of other sizes (${JSON.stringify(stored.sizes)}): seed a fresh database, or pass the same sizes to continue`);
    }
    anchor = stored.anchor;
    log(`continuing the seed started with anchor ${anchor}`);
  } else {
    const { rows } = await c.query<{ now: Date }>("SELECT date_trunc('second', now()) AS now");
    anchor = (rows[0]?.now ?? new Date()).toISOString();
    await c.query(`INSERT INTO ledger_seed_progress (step, total, meta) VALUES ('_seed', 0, $1)`, [JSON.stringify({ sizes, anchor })]);
  }
  for (const step of steps(sizes, anchor)) {
    const { rows } = await c.query<{ done: string }>(
      `INSERT INTO ledger_seed_progress (step, total) VALUES ($1, $2) ON CONFLICT (step) DO UPDATE SET total = EXCLUDED.total RETURNING done`,
      [step.name, step.total],
    );
    let done = Number(rows[0]?.done ?? 0);
    if (done >= step.total) {
      log(`  ${step.name}: done before`);
      continue;
    }
    const started = Date.now();
    const from = done;
    while (done < step.total) {
      const hi = Math.min(step.total, done + step.chunk);
      await c.query("BEGIN");
      try {
        await c.query(step.sql(done, hi));
        await c.query(`UPDATE ledger_seed_progress SET done = $2 WHERE step = $1`, [step.name, hi]);
        await c.query("COMMIT");
      } catch (err) {
        await c.query("ROLLBACK").catch(() => {});
        throw err;
      }
      done = hi;
      const seconds = (Date.now() - started) / 1000;
      progress({ step: step.name, done, total: step.total, seconds, rowsPerSecond: (done - from) / Math.max(seconds, 0.001) });
    }
    log(`  ${step.name}: ${step.total.toLocaleString("en-US")} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const { rows: finished } = await c.query<{ done: string }>(`SELECT done FROM ledger_seed_progress WHERE step = '_finish'`);
  if (!finished[0]) {
    const t = Date.now();
    // Ledger's own sequences continue after the explicit ids; VACUUM as well as ANALYZE, so autovacuum
    // does not reach these tables in the middle of the timings (and change plans mid-run).
    await c.query(`SELECT setval(pg_get_serial_sequence('fp_command', 'id'), greatest((SELECT max(id) FROM fp_command), 1))`);
    await c.query("VACUUM (ANALYZE)");
    await c.query(`INSERT INTO ledger_seed_progress (step, done, total) VALUES ('_finish', 1, 1)`);
    log(`  vacuum analyze (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
}
