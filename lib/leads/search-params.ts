import { createSearchParser } from "@/lib/data-table/parsers.ts";
import type { TableSearch, TableSearchSpec } from "@/lib/data-table/types.ts";
import { FP_ID } from "@/lib/records/fp-id.ts";
import { MAX_BIGINT } from "@/lib/records/parse-record-id.ts";
import { DELETED_FILTER } from "@/lib/data-table/deleted-filter.ts";

// The URL of the leads screen (/leads): what it accepts, allow-listed. The parameter names are the
// table's column ids. State, suspicion and plan are free text in FirstPromoter (stored as sent), so
// they are accepted by shape rather than from a fixed list; promoter and campaign are FirstPromoter ids.

/** States FirstPromoter's lead events report (offered in the filter even before any lead has them). */
export const KNOWN_LEAD_STATES = ["signup", "active", "cancelled"] as const;
/** Suspicion values FirstPromoter documents for leads. */
export const KNOWN_SUSPICIONS = ["no_suspicion", "same_ip_suspicion", "same_promoter_email", "ad_source"] as const;

/** A state or suspicion value: a plain token, as FirstPromoter writes them. */
const TOKEN = /^[A-Za-z0-9_.:-]{1,100}$/;
/** A plan name: anything printable but the list separator (a plan named "a,b" cannot be filtered on). */
const PLAN = /^[^,\u0000-\u001f\u007f]{1,200}$/;

export const leadsSearchSpec = {
  sortKeys: { created_at: "date", customer_since: "date", cancelled_at: "date" },
  defaultSort: { id: "created_at", desc: true },
  perPageOptions: [20, 50, 100],
  defaultPerPage: 50,
  filters: {
    state: { kind: "multi", pattern: TOKEN, max: 20 },
    suspicion: { kind: "multi", pattern: TOKEN, max: 20 },
    // The promoter detail page links to /leads?promoter=<id>.
    promoter: { kind: "multi", pattern: FP_ID, max: 20 },
    campaign: { kind: "multi", pattern: FP_ID, max: 20 },
    plan: { kind: "multi", pattern: PLAN, max: 20 },
    customer_since: { kind: "dateRange" },
    cancelled_at: { kind: "dateRange" },
    created_at: { kind: "dateRange" },
    // Deleted in FirstPromoter (v2): left out unless asked for.
    deleted: DELETED_FILTER,
  },
  // An email address is at most 254 characters.
  searchMaxLength: 254,
} as const satisfies TableSearchSpec;

export type LeadsSearch = TableSearch<typeof leadsSearchSpec>;
export const parseLeadsSearch = createSearchParser(leadsSearchSpec);

/**
 * How the leads search box reads its input (each form uses an index, see the leads_list migration):
 * - digits: FirstPromoter's lead id (exact), or a uid that happens to be numeric (exact);
 * - anything with an `@`: the start of an email address, case-insensitive ("jane@" finds
 *   jane@example.com; a whole address finds exactly it). Prefix rather than substring: a prefix is
 *   an index range, a substring would read every lead;
 * - anything else: a uid (exact, as sent) or the start of an email ("jane.smith").
 */
export type LeadSearchTerm =
  | { kind: "id"; id: string; raw: string }
  | { kind: "email"; prefix: string }
  | { kind: "text"; value: string };

export function classifyLeadSearch(q: string): LeadSearchTerm | null {
  const term = q.trim();
  if (term === "") return null;
  if (/^\d{1,19}$/.test(term)) {
    const id = BigInt(term);
    if (id > 0n && id <= MAX_BIGINT) return { kind: "id", id: id.toString(), raw: term };
    return { kind: "text", value: term };
  }
  if (term.includes("@")) return { kind: "email", prefix: term };
  return { kind: "text", value: term };
}
