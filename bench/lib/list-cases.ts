// The list-query bench's cases (bench/list-queries.ts): every list screen of the dashboard as the UI
// asks for it — a URL string through the screen's own parser into its list function — with each
// filter, the search forms, each sort, deep pages (a cursor at a position 100-400 pages in, and the
// cursors a deep page hands out), the facet queries; the detail pages' queries; the overview's
// queries for each period in UTC and in a zone with DST. Positions and ids worth asking about (the
// busiest promoter, a lead with hundreds of rewards…) are looked up in the seeded data first.
import type pg from "pg";
import { encodeCursor } from "../../lib/data-table/cursor.ts";
import type { Page } from "../../lib/data-table/types.ts";
import type { Db } from "../../lib/db/index.ts";
import { getEvent } from "../../lib/events/get-event.ts";
import { listDeliveries } from "../../lib/events/list-deliveries.ts";
import { listDeliveryFacets } from "../../lib/events/list-delivery-facets.ts";
import { listEventFacets } from "../../lib/events/list-event-facets.ts";
import { listEvents } from "../../lib/events/list-events.ts";
import { parseDeliveriesSearch, parseEventsSearch } from "../../lib/events/search-params.ts";
import { listAudit } from "../../lib/audit/list-audit.ts";
import { listActivityFacets } from "../../lib/audit/list-audit-facets.ts";
import { parseActivitySearch } from "../../lib/audit/search-params.ts";
import { getFulfilment } from "../../lib/fulfilments/get-fulfilment.ts";
import { listFulfilmentFacets } from "../../lib/fulfilments/list-fulfilment-facets.ts";
import { listFulfilments } from "../../lib/fulfilments/list-fulfilments.ts";
import { parseFulfilmentsSearch } from "../../lib/fulfilments/search-params.ts";
import { getLead } from "../../lib/leads/get-lead.ts";
import { listLeadFacets } from "../../lib/leads/list-lead-facets.ts";
import { listLeadTimeline } from "../../lib/leads/list-lead-timeline.ts";
import { listLeads } from "../../lib/leads/list-leads.ts";
import { parseLeadsSearch } from "../../lib/leads/search-params.ts";
import { getEventsReceived } from "../../lib/overview/get-events-received.ts";
import { getOverviewTotals } from "../../lib/overview/get-overview-totals.ts";
import { getOverviewTrend } from "../../lib/overview/get-overview-trend.ts";
import { getPendingFulfilments } from "../../lib/overview/get-pending-fulfilments.ts";
import { getRewardsByUnit } from "../../lib/overview/get-rewards-by-unit.ts";
import { hasOverviewData } from "../../lib/overview/has-overview-data.ts";
import { PERIOD_IDS } from "../../lib/overview/search-params.ts";
import { getPromoter } from "../../lib/promoters/get-promoter.ts";
import { listPromoterFacets } from "../../lib/promoters/list-promoter-facets.ts";
import { listPromoterTimeline } from "../../lib/promoters/list-promoter-timeline.ts";
import { listPromoters } from "../../lib/promoters/list-promoters.ts";
import { parsePromotersSearch } from "../../lib/promoters/search-params.ts";
import { listRewardFacets } from "../../lib/rewards/list-reward-facets.ts";
import { listRewards } from "../../lib/rewards/list-rewards.ts";
import { parseRewardsSearch } from "../../lib/rewards/search-params.ts";
import { listUsers } from "../../lib/users/list-users.ts";

export type ListQuery = { screen: string; name: string; run: () => Promise<unknown> };

const DAY = 86_400_000;
/** The overview is asked for in UTC and in a zone whose days are not UTC's (with DST). */
const OVERVIEW_ZONES = ["UTC", "America/New_York"];

type Search = { cursor: unknown; q: string; sort: { id: string; desc: boolean }; filters: object };

/**
 * A screen's cases from URL query strings: each is parsed once (as the page does per request) and
 * checked to mean what it says, so a typo or a stale cursor cannot quietly bench the default page.
 */
function screen<S extends Search>(name: string, parse: (raw: URLSearchParams) => S, list: (search: S) => Promise<unknown>) {
  return (qs: string, label?: string): ListQuery => {
    const shown = `${name} ${qs === "" ? "(default)" : `?${label ?? qs}`}`;
    const params = new URLSearchParams(qs);
    const search = parse(params);
    const filters = search.filters as Record<string, unknown>;
    for (const [key, value] of params) {
      const lost =
        key === "cursor" ? search.cursor === null
        : key === "q" ? search.q === ""
        : key === "sort" ? `${search.sort.id}.${search.sort.desc ? "desc" : "asc"}` !== value
        : key === "perPage" ? false
        : value !== "all" && (filters[key] == null || (Array.isArray(filters[key]) && (filters[key] as unknown[]).length === 0));
      if (lost) throw new Error(`${shown}: the parser dropped ${key}=${value.slice(0, 40)}`);
    }
    return { screen: name, name: shown, run: () => list(search) };
  };
}

async function one<T extends pg.QueryResultRow>(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<T> {
  const row = (await pool.query<T>(sql, params)).rows[0];
  if (!row) throw new Error(`no row for: ${sql.replace(/\s+/g, " ").slice(0, 120)}`);
  return row;
}

/** The cursor a page hands out (its next or previous page), as the table's buttons would follow it. */
async function cursorOf(q: ListQuery, which: "nextCursor" | "prevCursor"): Promise<string> {
  const page = (await q.run()) as Page<unknown>;
  const cursor = page[which];
  if (!cursor) throw new Error(`${q.name}: no ${which}`);
  return cursor;
}

const cursor = (sort: string, desc: boolean, value: string | number, id: string, dir: "next" | "prev" = "next") =>
  encodeCursor({ sort, desc, value, id, dir });
const iso = (d: Date) => d.toISOString();

export async function buildListQueries(db: Db): Promise<ListQuery[]> {
  const { prisma, pool } = db;
  const now = new Date();
  const weekAgo = Date.now() - 7 * DAY;
  const monthAgo = Date.now() - 30 * DAY;

  // ---- Who and what to ask about.
  const big = (await one<{ id: string; n: number }>(pool, "SELECT promoter_id::text AS id, count(*)::int AS n FROM lead WHERE promoter_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"));
  const small = (await one<{ id: string; n: number }>(pool, "SELECT promoter_id::text AS id, count(*)::int AS n FROM lead WHERE promoter_id IS NOT NULL GROUP BY 1 HAVING count(*) BETWEEN 3 AND 8 ORDER BY 1 LIMIT 1"));
  const chatty = await one<{ id: string; n: number }>(pool, "SELECT record_id::text AS id, count(*)::int AS n FROM event_record WHERE record_type = 'promoter' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1");
  const leadMostRewards = await one<{ id: string; n: number }>(pool, "SELECT lead_id::text AS id, count(*)::int AS n FROM reward GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1");
  const leadMostEvents = await one<{ id: string; n: number }>(pool, "SELECT record_id::text AS id, count(*)::int AS n FROM event_record WHERE record_type = 'lead' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1");
  const leadTypical = await one<{ id: string }>(pool, "SELECT l.id::text AS id FROM lead l WHERE l.state = 'active' AND EXISTS (SELECT 1 FROM reward r WHERE r.lead_id = l.id) ORDER BY l.id OFFSET 500 LIMIT 1");
  const resent = await one<{ id: string; n: number }>(pool, `
    SELECT er.record_id::text AS id, count(*)::int AS n FROM event_record er JOIN webhook_delivery d ON d.event_id = er.event_id
    WHERE er.record_type = 'fulfilment' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
  const reviewed = await one<{ id: string; n: number }>(pool, "SELECT target_id AS id, count(*)::int AS n FROM audit_log WHERE target_type = 'fulfilment' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1");
  const rewardEvent = await one<{ id: string }>(pool, "SELECT id::text AS id FROM webhook_event WHERE type = 'reward_created' AND status = 'processed' ORDER BY id OFFSET 1000 LIMIT 1");
  const eventEmail = await one<{ email: string }>(pool, "SELECT payload #>> '{data,email}' AS email FROM webhook_event WHERE type = 'lead_signup' ORDER BY id OFFSET 4242 LIMIT 1");
  const pendingFulfilment = await one<{ id: string }>(pool, "SELECT id::text FROM fulfilment WHERE review_status = 'pending' ORDER BY id OFFSET 42 LIMIT 1");
  const approvedFulfilment = await one<{ id: string }>(pool, "SELECT id::text FROM fulfilment WHERE review_status = 'approved' ORDER BY id OFFSET 42 LIMIT 1");
  console.log(`[bench] picked: busiest promoter ${big.id} (${big.n} leads), small promoter ${small.id} (${small.n} leads), ` +
    `timeline promoter ${chatty.id} (${chatty.n} events), lead ${leadMostRewards.id} (${leadMostRewards.n} rewards), ` +
    `lead ${leadMostEvents.id} (${leadMostEvents.n} events), fulfilment ${resent.id} (${resent.n} deliveries), fulfilment ${reviewed.id} (${reviewed.n} reviews)`);

  const out: ListQuery[] = [];
  const add = (...qs: ListQuery[]) => out.push(...qs);

  // ---- Events and deliveries (/events, /events/deliveries).
  const events = screen("events", parseEventsSearch, (s) => listEvents(prisma, s));
  const deliveries = screen("deliveries", parseDeliveriesSearch, (s) => listDeliveries(prisma, s));
  {
    const deep = await one<{ id: string; received_at: Date; occurred_at: Date }>(pool,
      "SELECT id::text, received_at, occurred_at FROM webhook_event ORDER BY received_at DESC, id DESC OFFSET 20000 LIMIT 1");
    const deepDelivery = await one<{ id: string; received_at: Date }>(pool,
      "SELECT id::text, received_at FROM webhook_delivery ORDER BY received_at DESC, id DESC OFFSET 20000 LIMIT 1");
    const at = (v: Date, id: string, dir: "next" | "prev" = "next") => cursor("received_at", true, iso(v), id, dir);
    add(
      events(""),
      events("perPage=100"),
      events("type=lead_signup"),
      events("type=payout_created"),
      events("type=reward_created,fulfilment_pending"),
      events("outcome=failed"),
      events("outcome=processed,ignored"),
      events(`occurred_at=${weekAgo},${weekAgo + DAY}`, "occurred_at=<one day>"),
      events(`occurred_at=${weekAgo},`, "occurred_at=<last 7 days>,"),
      events(`type=new_customer&outcome=processed&occurred_at=${weekAgo - 20 * DAY},${weekAgo}`, "type=new_customer&outcome=processed&occurred_at=<20 days>"),
      events(`q=${eventEmail.email}`),
      events("q=PROMOTER17@example.com"),
      events("q=3000017"),
      events(`q=${20000000 + 7 * 5000}`),
      events("q=no-such-event"),
      events("sort=occurred_at.desc"),
      events("sort=occurred_at.asc"),
      events(`cursor=${at(deep.received_at, deep.id)}`, "cursor=<20,000 deep>"),
      events(`cursor=${at(deep.received_at, deep.id, "prev")}`, "cursor=<20,000 deep, prev>"),
      events(`sort=occurred_at.desc&cursor=${cursor("occurred_at", true, iso(deep.occurred_at), deep.id)}`, "sort=occurred_at.desc&cursor=<20,000 deep>"),
      events(`type=lead_signup&cursor=${at(deep.received_at, deep.id)}`, "type=lead_signup&cursor=<20,000 deep>"),
      { screen: "events", name: "events facets (type, outcome)", run: () => listEventFacets(prisma) },
      deliveries(""),
      deliveries("outcome=rejected"),
      deliveries("status_code=401"),
      deliveries("outcome=duplicate&status_code=202"),
      deliveries(`cursor=${at(deepDelivery.received_at, deepDelivery.id)}`, "cursor=<20,000 deep>"),
      { screen: "deliveries", name: "deliveries facets (outcome, status code)", run: () => listDeliveryFacets(prisma) },
    );
  }

  // ---- Promoters (/promoters).
  const promoters = screen("promoters", parsePromotersSearch, (s) => listPromoters(prisma, s));
  {
    const deep = await one<{ id: string; v: Date }>(pool,
      "SELECT id::text, COALESCE(fp_created_at, first_seen_at) AS v FROM promoter ORDER BY 2 DESC, id DESC OFFSET 5000 LIMIT 1");
    const deepCash = await one<{ id: string; v: string }>(pool,
      "SELECT promoter_id::text AS id, amount::text AS v FROM promoter_balance WHERE kind = 'current' AND unit = 'cash' ORDER BY amount DESC, promoter_id DESC OFFSET 4000 LIMIT 1");
    const noCash = await one<{ id: string }>(pool,
      "SELECT p.id::text FROM promoter p WHERE NOT EXISTS (SELECT 1 FROM promoter_balance b WHERE b.promoter_id = p.id AND b.kind = 'current' AND b.unit = 'cash') ORDER BY p.id DESC OFFSET 1000 LIMIT 1");
    const noPoints = await one<{ id: string }>(pool,
      "SELECT p.id::text FROM promoter p WHERE NOT EXISTS (SELECT 1 FROM promoter_balance b WHERE b.promoter_id = p.id AND b.kind = 'current' AND b.unit = 'points') ORDER BY p.id OFFSET 5000 LIMIT 1");
    const deepCreated = cursor("created", true, iso(deep.v), deep.id);
    const deepPage = promoters(`cursor=${deepCreated}`, "cursor=<5,000 deep>");
    add(
      promoters(""),
      promoters("perPage=100"),
      promoters("status=active"),
      promoters("status=denied"),
      promoters("status=pending,inactive"),
      promoters("campaign=13202"),
      promoters("campaign=13206"),
      promoters("balance=cash"),
      promoters("balance=points"),
      promoters("balance=discount_per"),
      promoters(`created=${weekAgo},${weekAgo + DAY}`, "created=<one day>"),
      promoters(`created=${weekAgo},`, "created=<last 7 days>,"),
      promoters("status=active&campaign=13204"),
      promoters("q=promoter4242@example.com"),
      promoters("q=promoter42"),
      promoters("q=jane"),
      promoters("q=smith"),
      promoters("q=jane4"),
      promoters("q=3000042"),
      promoters("q=zzz-no-match"),
      promoters("sort=created.asc"),
      promoters("sort=cash_current.desc"),
      promoters("sort=cash_current.asc"),
      promoters("sort=cash_earnings.desc"),
      promoters("sort=cash_paid.asc"),
      promoters("sort=points_current.desc"),
      promoters("sort=points_current.asc"),
      promoters("sort=discount_per_earnings.desc"),
      promoters("status=active&sort=cash_current.desc"),
      promoters("status=denied&sort=cash_current.asc"),
      promoters("campaign=13206&sort=points_current.desc"),
      promoters("q=jane&sort=cash_current.desc"),
      deepPage,
      promoters(`cursor=${cursor("created", true, iso(deep.v), deep.id, "prev")}`, "cursor=<5,000 deep, prev>"),
      promoters(`cursor=${await cursorOf(deepPage, "nextCursor")}`, "cursor=<the deep page's next>"),
      promoters(`status=active&cursor=${deepCreated}`, "status=active&cursor=<5,000 deep>"),
      promoters(`sort=cash_current.desc&cursor=${cursor("cash_current", true, deepCash.v, deepCash.id)}`, "sort=cash_current.desc&cursor=<4,000 deep>"),
      promoters(`sort=cash_current.desc&cursor=${cursor("cash_current", true, deepCash.v, deepCash.id, "prev")}`, "sort=cash_current.desc&cursor=<4,000 deep, prev>"),
      promoters(`sort=cash_current.desc&cursor=${cursor("cash_current", true, "none", noCash.id)}`, "sort=cash_current.desc&cursor=<in the no-balance part>"),
      promoters(`sort=points_current.asc&cursor=${cursor("points_current", false, "none", noPoints.id)}`, "sort=points_current.asc&cursor=<5,000 into no-balance>"),
      { screen: "promoters", name: "promoters facets", run: () => listPromoterFacets(prisma, parsePromotersSearch(new URLSearchParams()).filters) },
      { screen: "promoters", name: "promoters facets (campaign, status selected)", run: () => listPromoterFacets(prisma, parsePromotersSearch(new URLSearchParams("campaign=13206&status=denied")).filters) },
    );
  }

  // ---- Leads (/leads).
  const leads = screen("leads", parseLeadsSearch, (s) => listLeads(prisma, s));
  {
    const deep = await one<{ id: string; v: Date }>(pool,
      "SELECT id::text, COALESCE(fp_created_at, first_seen_at) AS v FROM lead ORDER BY 2 DESC, id DESC OFFSET 20000 LIMIT 1");
    const deepSince = await one<{ id: string; v: Date }>(pool,
      "SELECT id::text, COALESCE(customer_since, '0001-01-01 00:00:00+00'::timestamptz) AS v FROM lead ORDER BY 2 DESC, id DESC OFFSET 20000 LIMIT 1");
    const deepNoSince = await one<{ id: string; v: Date }>(pool,
      "SELECT id::text, COALESCE(customer_since, '0001-01-01 00:00:00+00'::timestamptz) AS v FROM lead ORDER BY 2 DESC, id DESC OFFSET 70000 LIMIT 1");
    const deepCreated = cursor("created_at", true, iso(deep.v), deep.id);
    const deepPage = leads(`cursor=${deepCreated}`, "cursor=<20,000 deep>");
    add(
      leads(""),
      leads("perPage=100"),
      leads("state=signup"),
      leads("state=denied"),
      leads("state=active,cancelled"),
      leads("suspicion=same_ip_suspicion"),
      leads("suspicion=no_suspicion"),
      leads("suspicion=ad_source,same_promoter_email"),
      leads(`promoter=${big.id}`, `promoter=<busiest: ${big.n} leads>`),
      leads(`promoter=${small.id}`, `promoter=<${small.n} leads>`),
      leads(`promoter=${big.id},${small.id}`, "promoter=<busiest>,<small>"),
      leads("campaign=13202"),
      leads("campaign=13206"),
      leads("campaign=13205,13206"),
      leads("plan=Pro"),
      leads("plan=Enterprise,Starter"),
      leads(`customer_since=${weekAgo},${weekAgo + DAY}`, "customer_since=<one day>"),
      leads(`cancelled_at=${monthAgo},`, "cancelled_at=<last 30 days>,"),
      leads(`created_at=${weekAgo},${weekAgo + DAY}`, "created_at=<one day>"),
      leads("state=cancelled&campaign=13206"),
      leads(`state=active&promoter=${big.id}`, "state=active&promoter=<busiest>"),
      leads("suspicion=ad_source&plan=Enterprise"),
      leads("q=lead4242@example.com"),
      leads("q=LEAD4242@"),
      leads("q=lead42"),
      leads("q=l"),
      leads("q=21004242"),
      leads("q=cus_4243"),
      leads("q=nobody@nowhere.test"),
      leads("sort=created_at.asc"),
      leads("sort=customer_since.desc"),
      leads("sort=customer_since.asc"),
      leads("sort=cancelled_at.desc"),
      leads("sort=cancelled_at.asc"),
      leads("state=signup&sort=customer_since.desc"),
      leads("state=referral&sort=cancelled_at.asc"),
      leads("plan=Pro&sort=cancelled_at.desc"),
      leads(`promoter=${big.id}&sort=customer_since.desc`, "promoter=<busiest>&sort=customer_since.desc"),
      deepPage,
      leads(`cursor=${cursor("created_at", true, iso(deep.v), deep.id, "prev")}`, "cursor=<20,000 deep, prev>"),
      leads(`cursor=${await cursorOf(deepPage, "nextCursor")}`, "cursor=<the deep page's next>"),
      leads(`state=signup&cursor=${deepCreated}`, "state=signup&cursor=<20,000 deep>"),
      leads(`sort=customer_since.desc&cursor=${cursor("customer_since", true, iso(deepSince.v), deepSince.id)}`, "sort=customer_since.desc&cursor=<20,000 deep>"),
      leads(`sort=customer_since.desc&cursor=${cursor("customer_since", true, iso(deepNoSince.v), deepNoSince.id)}`, "sort=customer_since.desc&cursor=<70,000 deep, no date>"),
      { screen: "leads", name: "leads facets", run: () => listLeadFacets(prisma, parseLeadsSearch(new URLSearchParams()).filters) },
      { screen: "leads", name: "leads facets (promoter, campaign selected)", run: () => listLeadFacets(prisma, parseLeadsSearch(new URLSearchParams(`promoter=${small.id}&campaign=13206`)).filters) },
    );
  }

  // ---- Rewards (/rewards).
  const rewards = screen("rewards", parseRewardsSearch, (s) => listRewards(prisma, s));
  {
    const deep = await one<{ id: string; v: Date }>(pool,
      "SELECT id::text, COALESCE(fp_created_at, first_seen_at) AS v FROM reward ORDER BY 2 DESC, id DESC OFFSET 20000 LIMIT 1");
    const deepAmount = await one<{ id: string; v: string }>(pool,
      "SELECT id::text, COALESCE(amount, 0)::text AS v FROM reward ORDER BY COALESCE(amount, 0) DESC, id DESC OFFSET 20000 LIMIT 1");
    const deepCreated = cursor("created_at", true, iso(deep.v), deep.id);
    const deepPage = rewards(`cursor=${deepCreated}`, "cursor=<20,000 deep>");
    add(
      rewards(""),
      rewards("perPage=100"),
      rewards("status=approved"),
      rewards("status=cancelled"),
      rewards("status=pending,denied"),
      rewards("unit=cash"),
      rewards("unit=discount_per"),
      rewards("unit=points,credits"),
      rewards(`promoter=${big.id}`, "promoter=<busiest>"),
      rewards(`promoter=${small.id}`, "promoter=<small>"),
      rewards(`created_at=${weekAgo},${weekAgo + DAY}`, "created_at=<one day>"),
      rewards("status=approved&unit=points"),
      rewards(`status=pending&promoter=${big.id}`, "status=pending&promoter=<busiest>"),
      rewards("q=lead4242@example.com"),
      rewards("q=lead42"),
      rewards("q=11004242"),
      rewards("q=nobody@nowhere.test"),
      rewards("sort=created_at.asc"),
      rewards("sort=amount.desc"),
      rewards("sort=amount.asc"),
      rewards("unit=cash&sort=amount.desc"),
      rewards("status=denied&sort=amount.desc"),
      rewards("unit=discount_per&sort=amount.asc"),
      rewards(`promoter=${big.id}&sort=amount.desc`, "promoter=<busiest>&sort=amount.desc"),
      deepPage,
      rewards(`cursor=${cursor("created_at", true, iso(deep.v), deep.id, "prev")}`, "cursor=<20,000 deep, prev>"),
      rewards(`cursor=${await cursorOf(deepPage, "nextCursor")}`, "cursor=<the deep page's next>"),
      rewards(`status=approved&cursor=${deepCreated}`, "status=approved&cursor=<20,000 deep>"),
      rewards(`sort=amount.desc&cursor=${cursor("amount", true, Number(deepAmount.v), deepAmount.id)}`, "sort=amount.desc&cursor=<20,000 deep>"),
      { screen: "rewards", name: "rewards facets", run: () => listRewardFacets(prisma, parseRewardsSearch(new URLSearchParams()).filters) },
      { screen: "rewards", name: "rewards facets (promoter selected)", run: () => listRewardFacets(prisma, parseRewardsSearch(new URLSearchParams(`promoter=${big.id}`)).filters) },
    );
  }

  // ---- Fulfilments (/fulfilments: the review queue, pending oldest first by default).
  const fulfilments = screen("fulfilments", parseFulfilmentsSearch, (s) => listFulfilments(prisma, s, now));
  {
    const deepPending = await one<{ id: string; v: Date }>(pool,
      "SELECT id::text, first_delivery_at AS v FROM fulfilment WHERE review_status = 'pending' ORDER BY first_delivery_at, id OFFSET 5000 LIMIT 1");
    const deepAll = await one<{ id: string; v: Date }>(pool,
      "SELECT id::text, first_delivery_at AS v FROM fulfilment ORDER BY first_delivery_at, id OFFSET 10000 LIMIT 1");
    const deepAmount = await one<{ id: string; v: string }>(pool,
      "SELECT id::text, COALESCE(amount, 0)::text AS v FROM fulfilment WHERE review_status = 'pending' ORDER BY COALESCE(amount, 0) DESC, id DESC OFFSET 5000 LIMIT 1");
    const deepPage = fulfilments(`cursor=${cursor("first_delivery_at", false, iso(deepPending.v), deepPending.id)}`, "cursor=<5,000 deep>");
    add(
      fulfilments(""),
      fulfilments("perPage=100"),
      fulfilments("review_status=all"),
      fulfilments("review_status=approved"),
      fulfilments("review_status=held,rejected"),
      fulfilments("unit=credits"),
      fulfilments("unit=points"),
      fulfilments("review_status=all&unit=cash"),
      fulfilments(`promoter=${big.id}`, "promoter=<busiest>"),
      fulfilments(`review_status=all&promoter=${small.id}`, "review_status=all&promoter=<small>"),
      fulfilments("campaign=13202"),
      fulfilments("campaign=13206"),
      fulfilments("has_issues=yes"),
      fulfilments("has_issues=no"),
      fulfilments("review_status=all&has_issues=yes"),
      fulfilments("q=promoter42"),
      fulfilments("q=promoter0@example.com"),
      fulfilments(`q=${pendingFulfilment.id}`, "q=<a pending fulfilment's id>"),
      fulfilments(`review_status=all&q=${approvedFulfilment.id}`, "review_status=all&q=<an approved fulfilment's id>"),
      fulfilments("q=nobody@nowhere.test"),
      fulfilments("sort=first_delivery_at.desc"),
      fulfilments("sort=amount.desc"),
      fulfilments("review_status=all&sort=amount.desc"),
      fulfilments("review_status=all&sort=first_delivery_at.desc"),
      fulfilments("review_status=approved,held&sort=amount.asc"),
      deepPage,
      fulfilments(`cursor=${await cursorOf(deepPage, "prevCursor")}`, "cursor=<the deep page's prev>"),
      fulfilments(`review_status=all&cursor=${cursor("first_delivery_at", false, iso(deepAll.v), deepAll.id)}`, "review_status=all&cursor=<10,000 deep>"),
      fulfilments(`sort=amount.desc&cursor=${cursor("amount", true, Number(deepAmount.v), deepAmount.id)}`, "sort=amount.desc&cursor=<5,000 deep>"),
      { screen: "fulfilments", name: "fulfilments facets", run: () => listFulfilmentFacets(prisma, parseFulfilmentsSearch(new URLSearchParams()).filters) },
      { screen: "fulfilments", name: "fulfilments facets (promoter selected)", run: () => listFulfilmentFacets(prisma, parseFulfilmentsSearch(new URLSearchParams(`promoter=${big.id}`)).filters) },
    );
  }

  // ---- Activity (/activity: the audit log).
  const activity = screen("activity", parseActivitySearch, (s) => listAudit(prisma, s));
  {
    const deep = await one<{ id: string; v: Date }>(pool, "SELECT id::text, at AS v FROM audit_log ORDER BY at DESC, id DESC OFFSET 20000 LIMIT 1");
    const deepPage = activity(`cursor=${cursor("at", true, iso(deep.v), deep.id)}`, "cursor=<20,000 deep>");
    add(
      activity(""),
      activity("perPage=100"),
      activity("action=auth.sign_in"),
      activity("action=fulfilment.approve,fulfilment.reject"),
      activity("action=user.remove"),
      activity("actor=user_admin_1"),
      activity("actor=anonymous"),
      activity("actor=anonymous,user_viewer_3"),
      activity("target_type=fulfilment"),
      activity("target_type=export"),
      activity(`at=${weekAgo},${weekAgo + DAY}`, "at=<one day>"),
      activity("action=auth.sign_in&actor=user_viewer_2"),
      activity("action=user.remove&target_type=user"),
      activity(`q=${reviewed.id}`, `q=<fulfilment id: ${reviewed.n} reviews>`),
      activity("q=admin@example.com"),
      activity("q=ADMIN@example.com"),
      activity("q=no-such-target"),
      activity("q=adm", "q=adm (the start of an email)"),
      activity("q=fulfilment.rej", "q=fulfilment.rej (the start of an action)"),
      activity("sort=at.asc"),
      deepPage,
      activity(`cursor=${await cursorOf(deepPage, "prevCursor")}`, "cursor=<the deep page's prev>"),
      activity(`cursor=${await cursorOf(deepPage, "nextCursor")}`, "cursor=<the deep page's next>"),
      { screen: "activity", name: "activity facets", run: () => listActivityFacets(prisma, { action: [], actor: [] }) },
    );
  }

  // ---- Detail pages and the users screen.
  const chattyId = BigInt(chatty.id);
  const firstTimeline = await listPromoterTimeline(prisma, chattyId, null);
  const olderBefore = firstTimeline.olderBefore;
  if (!olderBefore) throw new Error(`promoter ${chatty.id} has a single timeline page`);
  const deepBefore = await one<{ id: string }>(pool,
    "SELECT event_id::text AS id FROM event_record WHERE record_type = 'promoter' AND record_id = $1 ORDER BY event_id DESC OFFSET 100 LIMIT 1", [chatty.id]);
  const leadTimeline = await listLeadTimeline(prisma, BigInt(leadMostEvents.id));
  const leadTimelineNext = leadTimeline.nextCursor;
  add(
    { screen: "promoter page", name: `promoter page getPromoter <busiest: ${big.n} leads>`, run: () => getPromoter(prisma, big.id) },
    { screen: "promoter page", name: "promoter page getPromoter <small>", run: () => getPromoter(prisma, small.id) },
    { screen: "promoter page", name: `promoter timeline <${chatty.n} events> newest`, run: () => listPromoterTimeline(prisma, chattyId, null) },
    { screen: "promoter page", name: "promoter timeline page 2 (its olderBefore)", run: () => listPromoterTimeline(prisma, chattyId, BigInt(olderBefore)) },
    { screen: "promoter page", name: "promoter timeline 100 events back", run: () => listPromoterTimeline(prisma, chattyId, BigInt(deepBefore.id)) },
    { screen: "promoter page", name: `promoter timeline <${small.n}-lead promoter>`, run: () => listPromoterTimeline(prisma, BigInt(small.id), null) },
    { screen: "lead page", name: `lead page getLead <${leadMostRewards.n} rewards>`, run: () => getLead(prisma, BigInt(leadMostRewards.id)) },
    { screen: "lead page", name: "lead page getLead <typical customer>", run: () => getLead(prisma, BigInt(leadTypical.id)) },
    { screen: "lead page", name: `lead timeline <${leadMostEvents.n} events> newest`, run: () => listLeadTimeline(prisma, BigInt(leadMostEvents.id)) },
    ...(leadTimelineNext
      ? [{ screen: "lead page", name: "lead timeline page 2 (its nextCursor)", run: () => listLeadTimeline(prisma, BigInt(leadMostEvents.id), leadTimelineNext) }]
      : []),
    { screen: "lead page", name: "lead timeline <typical customer>", run: () => listLeadTimeline(prisma, BigInt(leadTypical.id)) },
    { screen: "fulfilment page", name: `fulfilment page getFulfilment <${resent.n} deliveries>`, run: () => getFulfilment(prisma, resent.id, now) },
    { screen: "fulfilment page", name: `fulfilment page getFulfilment <${reviewed.n} reviews>`, run: () => getFulfilment(prisma, reviewed.id, now) },
    { screen: "event page", name: "event page getEvent <reward_created>", run: () => getEvent(prisma, rewardEvent.id) },
    { screen: "users", name: "users listUsers", run: () => listUsers(prisma) },
  );

  // ---- Overview (/): each section's query, each period, in UTC and in New York.
  add({ screen: "overview", name: "overview hasOverviewData", run: () => hasOverviewData(prisma) });
  add({ screen: "overview", name: "overview getPendingFulfilments", run: () => getPendingFulfilments(prisma, now) });
  for (const period of PERIOD_IDS) {
    for (const timeZone of OVERVIEW_ZONES) {
      const q = { period, timeZone, now };
      const tag = `${period} ${timeZone}`;
      add(
        { screen: "overview", name: `overview totals ${tag}`, run: () => getOverviewTotals(prisma, q) },
        { screen: "overview", name: `overview trend ${tag}`, run: () => getOverviewTrend(prisma, q) },
        { screen: "overview", name: `overview received ${tag}`, run: () => getEventsReceived(prisma, q) },
        { screen: "overview", name: `overview rewards by unit ${tag}`, run: () => getRewardsByUnit(prisma, q) },
      );
    }
  }
  return out;
}

/** What a run returned, for the table's rows column: "50/10,000+" (page rows/total), a count, or "". */
export function describeResult(result: unknown): string {
  if (Array.isArray(result)) return `${result.length}`;
  if (!result || typeof result !== "object") return result === null ? "null" : "";
  const r = result as { rows?: unknown; items?: unknown; total?: unknown };
  const list = Array.isArray(r.rows) ? r.rows : Array.isArray(r.items) ? r.items : null;
  if (!list) return "";
  const total = r.total;
  let t = "";
  if (typeof total === "number") t = total.toLocaleString("en-US");
  else if (total && typeof total === "object" && "value" in total) {
    const pt = total as { value: number; exact: boolean; capped?: boolean };
    t = pt.capped ? `${pt.value.toLocaleString("en-US")}+` : `${pt.exact ? "" : "~"}${pt.value.toLocaleString("en-US")}`;
  }
  return t ? `${list.length}/${t}` : `${list.length}`;
}
