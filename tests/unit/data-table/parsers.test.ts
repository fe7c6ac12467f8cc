// The URL → list state parsers (lib/data-table/parsers.ts), cursors, the inverse URL writers and
// the total's wording: defaults on anything malformed, allow-listed sort keys and filter values.
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/data-table/cursor.ts";
import { formatTotal } from "@/lib/data-table/format.ts";
import { createSearchParser, isFiltered, urlDefaults } from "@/lib/data-table/parsers.ts";
import type { Cursor, TableSearchSpec } from "@/lib/data-table/types.ts";
import { filterParam, sortParam, withParams } from "@/lib/data-table/url.ts";
import { classifyEventSearch, eventsSearchSpec, parseEventsSearch } from "@/lib/events/search-params.ts";

const spec = {
  sortKeys: { created_at: "date", amount: "number", id: "bigint", name: "text" },
  defaultSort: { id: "created_at", desc: true },
  perPageOptions: [10, 25],
  defaultPerPage: 25,
  filters: {
    status: { kind: "multi", values: ["pending", "approved", "held"] },
    unit: { kind: "multi", pattern: /^[a-z_]{1,20}$/, max: 3 },
    created: { kind: "dateRange" },
  },
  searchMaxLength: 20,
} as const satisfies TableSearchSpec;
const parse = createSearchParser(spec);
const DEFAULTS = { sort: { id: "created_at", desc: true }, perPage: 25, cursor: null, q: "", filters: { status: [], unit: [], created: null } };

describe("createSearchParser", () => {
  it("gives the defaults for an empty URL, as a record or URLSearchParams", () => {
    expect(parse({})).toEqual(DEFAULTS);
    expect(parse(new URLSearchParams())).toEqual(DEFAULTS);
  });

  it("reads every part", () => {
    const cursor = encodeCursor({ sort: "amount", desc: false, value: 12.5, id: "42", dir: "next" });
    expect(
      parse(new URLSearchParams({ sort: "amount.asc", perPage: "10", q: "  jane@example.com ", status: "held,pending", unit: "cash", created: "1000,2000", cursor })),
    ).toEqual({
      sort: { id: "amount", desc: false },
      perPage: 10,
      cursor: { sort: "amount", desc: false, value: 12.5, id: "42", dir: "next" },
      q: "jane@example.com",
      filters: { status: ["held", "pending"], unit: ["cash"], created: { from: 1000, to: 2000 } },
    });
  });

  it("allows only listed sort keys and directions", () => {
    for (const sort of ["payload.desc", "created_at", "created_at.up", "amount.asc;drop", "__proto__.asc", "constructor.desc", "CREATED_AT.desc"]) {
      expect(parse({ sort }).sort, sort).toEqual({ id: "created_at", desc: true });
    }
    expect(parse({ sort: "name.DESC" }).sort).toEqual({ id: "name", desc: true });
  });

  it("allows only listed page sizes", () => {
    for (const perPage of ["0", "-10", "11", "10.5", "1e1", "abc", "", "100000000000000000000"]) expect(parse({ perPage }).perPage, perPage).toBe(25);
    expect(parse({ perPage: "10" }).perPage).toBe(10);
  });

  it("keeps allow-listed or pattern-matching filter values, deduplicated, at most `max`", () => {
    expect(parse({ status: "pending,evil,approved,pending, held ,," }).filters.status).toEqual(["pending", "approved", "held"]);
    expect(parse({ status: "PENDING" }).filters.status).toEqual([]);
    expect(parse({ unit: "cash,free_months,points,credits" }).filters.unit).toEqual(["cash", "free_months", "points"]);
    expect(parse({ unit: "cash'; drop table x; --" }).filters.unit).toEqual([]);
    expect(parse({ status: ["pending", "held"] }).filters.status).toEqual(["pending", "held"]);
  });

  it("reads date ranges as [from, to) in epoch ms, either end optional, and drops bad ones", () => {
    expect(parse({ created: "1000," }).filters.created).toEqual({ from: 1000, to: null });
    expect(parse({ created: ",2000" }).filters.created).toEqual({ from: null, to: 2000 });
    for (const created of [",", "2000,1000", "1000,1000", "abc,2000", "-1,5", "1,2,3", "1.5,2", "253402300800000,", "1000"]) {
      expect(parse({ created }).filters.created, created).toBeNull();
    }
  });

  it("trims the search and drops one that is too long or holds a NUL", () => {
    expect(parse({ q: "   " }).q).toBe("");
    expect(parse({ q: "x".repeat(21) }).q).toBe("");
    expect(parse({ q: "a\u0000b" }).q).toBe("");
    expect(parse({ q: "x".repeat(20) }).q).toBe("x".repeat(20));
  });

  it("ignores any parameter longer than 4 KB before parsing it", () => {
    expect(parse({ status: `pending,${"a".repeat(5000)}` }).filters.status).toEqual([]);
  });

  it("drops a cursor made under another sort or direction (it points nowhere in this order)", () => {
    const cursor = encodeCursor({ sort: "created_at", desc: true, value: "2026-01-01T00:00:00.000Z", id: "7", dir: "prev" });
    expect(parse({ cursor }).cursor).toEqual({ sort: "created_at", desc: true, value: "2026-01-01T00:00:00.000Z", id: "7", dir: "prev" });
    expect(parse({ cursor, sort: "created_at.asc" }).cursor).toBeNull();
    expect(parse({ cursor, sort: "amount.desc" }).cursor).toBeNull();
  });

  it("refuses a spec whose defaults are not among its options", () => {
    expect(() => createSearchParser({ ...spec, defaultSort: { id: "nope", desc: true } })).toThrow(/not a sort key/);
    expect(() => createSearchParser({ ...spec, defaultPerPage: 7 })).toThrow(/not an option/);
  });

  it("isFiltered sees the search box and every filter", () => {
    expect(isFiltered(parse({}))).toBe(false);
    expect(isFiltered(parse({ q: "x" }))).toBe(true);
    expect(isFiltered(parse({ status: "held" }))).toBe(true);
    expect(isFiltered(parse({ created: "1," }))).toBe(true);
    expect(isFiltered(parse({ sort: "amount.asc", perPage: "10" }))).toBe(false);
  });

  it("urlDefaults is the serializable part of a spec", () => {
    expect(urlDefaults(spec)).toEqual({ defaultSort: { id: "created_at", desc: true }, defaultPerPage: 25, perPageOptions: [10, 25] });
    expect(JSON.parse(JSON.stringify(urlDefaults(eventsSearchSpec)))).toEqual(urlDefaults(eventsSearchSpec));
  });
});

describe("cursors", () => {
  const keys = spec.sortKeys;
  const roundTrip = (c: Cursor) => decodeCursor(encodeCursor(c), keys);

  it("round-trip every sort key type, in base64url", () => {
    const cursors: Cursor[] = [
      { sort: "created_at", desc: true, value: "2026-03-01T12:00:00.000Z", id: "9223372036854775807", dir: "next" },
      { sort: "amount", desc: false, value: -0.25, id: "1", dir: "prev" },
      { sort: "id", desc: true, value: "-123", id: "5", dir: "next" },
      { sort: "name", desc: false, value: "Zoë \"quoted\" / ünïcode ✓", id: "5", dir: "next" },
    ];
    for (const c of cursors) {
      expect(encodeCursor(c)).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(roundTrip(c)).toEqual(c);
    }
  });

  it("decode anything malformed to null", () => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const bad = [
      "",
      "%%%",
      "a".repeat(600),
      Buffer.from("not json").toString("base64url"),
      Buffer.from([0xff, 0xfe, 0x00]).toString("base64url"),
      enc({ sort: "created_at" }),
      enc(["created_at", 1, "2026-03-01T12:00:00.000Z", "1"]),
      enc(["created_at", true, "2026-03-01T12:00:00.000Z", "1", "n"]),
      enc(["created_at", 1, "2026-03-01", "1", "n"]),
      enc(["created_at", 1, "2026-02-30T12:00:00.000Z1", "1", "n"]),
      enc(["created_at", 1, 1700000000000, "1", "n"]),
      enc(["amount", 0, "12", "1", "n"]),
      enc(["amount", 0, null, "1", "n"]),
      enc(["id", 0, "1e3", "1", "n"]),
      enc(["name", 0, "x".repeat(301), "1", "n"]),
      enc(["created_at", 1, "2026-03-01T12:00:00.000Z", "-1", "n"]),
      enc(["created_at", 1, "2026-03-01T12:00:00.000Z", "9223372036854775808", "n"]),
      enc(["created_at", 1, "2026-03-01T12:00:00.000Z", 1, "n"]),
      enc(["created_at", 1, "2026-03-01T12:00:00.000Z", "1", "x"]),
      enc(["payload", 1, "x", "1", "n"]),
      enc(["toString", 1, "x", "1", "n"]),
    ];
    for (const raw of bad) expect(decodeCursor(raw, keys), raw.slice(0, 60)).toBeNull();
  });
});

describe("URL writers", () => {
  it("filterParam writes lists and ranges, null for empty", () => {
    expect(filterParam(["a", "b"])).toBe("a,b");
    expect(filterParam([])).toBeNull();
    expect(filterParam(undefined)).toBeNull();
    expect(filterParam({ from: 1, to: null })).toBe("1,");
    expect(filterParam({ from: null, to: 2 })).toBe(",2");
    expect(filterParam({ from: null, to: null })).toBeNull();
  });

  it("what the writers write, the parser reads back", () => {
    const qs = withParams("", {
      sort: sortParam({ id: "amount", desc: false }, spec.defaultSort),
      status: filterParam(["held", "approved"]),
      created: filterParam({ from: 5, to: 10 }),
    });
    expect(parse(new URLSearchParams(qs.slice(1)))).toMatchObject({
      sort: { id: "amount", desc: false },
      filters: { status: ["held", "approved"], created: { from: 5, to: 10 } },
    });
  });

  it("sortParam leaves the default out of the URL", () => {
    expect(sortParam({ id: "created_at", desc: true }, spec.defaultSort)).toBeNull();
    expect(sortParam({ id: "created_at", desc: false }, spec.defaultSort)).toBe("created_at.asc");
    expect(sortParam(undefined, spec.defaultSort)).toBeNull();
  });

  it("withParams sets and deletes, keeping the rest", () => {
    expect(withParams("tab=x&cursor=abc&q=old", { q: "new", cursor: null })).toBe("?tab=x&q=new");
    expect(withParams("cursor=abc", { cursor: null })).toBe("");
  });
});

describe("events search", () => {
  it("reads the search box as an email, a numeric id or an event id", () => {
    expect(classifyEventSearch("")).toBeNull();
    expect(classifyEventSearch(" Jane@Example.COM ")).toEqual({ kind: "email", email: "jane@example.com" });
    expect(classifyEventSearch("0042")).toEqual({ kind: "number", value: "42" });
    expect(classifyEventSearch("0")).toEqual({ kind: "number", value: "0" });
    expect(classifyEventSearch("evt_123")).toEqual({ kind: "externalId", value: "evt_123" });
    expect(classifyEventSearch("12345678901234567890")).toEqual({ kind: "externalId", value: "12345678901234567890" });
  });

  it("the events URL allow-lists its sorts, outcomes and type shapes", () => {
    const s = parseEventsSearch({ sort: "payload.desc", outcome: "failed,evil", type: "lead_signup,bad type,x".concat("y".repeat(100)), perPage: "50" });
    expect(s).toMatchObject({ sort: { id: "received_at", desc: true }, perPage: 50, filters: { outcome: ["failed"], type: ["lead_signup"] } });
  });
});

describe("formatTotal", () => {
  it("says exact, estimated and capped differently", () => {
    const noun: [string, string] = ["event", "events"];
    expect(formatTotal({ value: 1, exact: true }, noun, "en-US")).toBe("1 event");
    expect(formatTotal({ value: 1234, exact: true }, noun, "en-US")).toBe("1,234 events");
    expect(formatTotal({ value: 1_234_567, exact: false }, noun, "en-US")).toBe("about 1.2M events");
    expect(formatTotal({ value: 10_000, exact: false, capped: true }, noun, "en-US")).toBe("10,000+ events");
    expect(formatTotal({ value: 0, exact: true }, noun, "en-US")).toBe("0 events");
  });
});
