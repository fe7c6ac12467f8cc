// The overview's URL and cookie inputs, which need no database: the period parser (every hostile
// value falls back to 30d and never throws), the tz cookie's validation, and the age wording.
import { describe, expect, it } from "vitest";
import { formatAge } from "@/lib/overview/format-age.ts";
import { periodWindow } from "@/lib/overview/period-window.ts";
import { DEFAULT_PERIOD, OVERVIEW_PERIODS, overviewHref, parseOverviewSearch, PERIOD_IDS } from "@/lib/overview/search-params.ts";
import { parseTimeZone } from "@/lib/overview/time-zone.ts";

describe("parseOverviewSearch", () => {
  it("defaults to 30 days", () => {
    expect(DEFAULT_PERIOD).toBe("30d");
    expect(parseOverviewSearch({})).toEqual({ period: "30d" });
    expect(parseOverviewSearch(new URLSearchParams())).toEqual({ period: "30d" });
  });

  it("reads each period, from a record or URLSearchParams", () => {
    for (const p of PERIOD_IDS) {
      expect(parseOverviewSearch({ period: p })).toEqual({ period: p });
      expect(parseOverviewSearch(new URLSearchParams({ period: p }))).toEqual({ period: p });
    }
    expect(PERIOD_IDS).toEqual(["7d", "30d", "90d", "12m"]);
  });

  const huge = "7d".repeat(50_000);
  const hostile: unknown[] = [
    "", " 7d", "7d ", "7D", "7", "7days", "30", "1y", "12M", "365d", "-7d", "0d", "7d,90d", "7d;DROP TABLE webhook_event", "'; --",
    "__proto__", "constructor", "toString", "hasOwnProperty", "7d\u0000", "\u0000", "７d", "7d\n", "%37d", huge, "null", "undefined",
  ];

  it.each(hostile.map((v) => [JSON.stringify(v).slice(0, 40), v] as const))("falls back to the default for %s", (_name, value) => {
    expect(parseOverviewSearch({ period: value as string })).toEqual({ period: DEFAULT_PERIOD });
    expect(parseOverviewSearch(new URLSearchParams({ period: value as string }))).toEqual({ period: DEFAULT_PERIOD });
  });

  it("treats a repeated parameter as ambiguous (default), and ignores other parameters", () => {
    expect(parseOverviewSearch({ period: ["7d", "90d"] })).toEqual({ period: DEFAULT_PERIOD });
    expect(parseOverviewSearch({ period: ["7d", "7d"] })).toEqual({ period: DEFAULT_PERIOD });
    expect(parseOverviewSearch({ period: [] })).toEqual({ period: DEFAULT_PERIOD });
    expect(parseOverviewSearch({ period: ["90d"] })).toEqual({ period: "90d" });
    expect(parseOverviewSearch(new URLSearchParams("period=7d&period=12m"))).toEqual({ period: DEFAULT_PERIOD });
    expect(parseOverviewSearch({ Period: "7d", tz: "Europe/Berlin", q: "x" })).toEqual({ period: DEFAULT_PERIOD });
  });

  it("writes links that parse back to the same period (the default is the bare path)", () => {
    for (const p of PERIOD_IDS) {
      const href = overviewHref(p);
      expect(parseOverviewSearch(new URL(href, "http://x").searchParams)).toEqual({ period: p });
    }
    expect(overviewHref("30d")).toBe("/");
  });

  it("refuses to build SQL for a period that is not in the spec", () => {
    expect(() => periodWindow({ period: "__proto__" as never, timeZone: "UTC", now: new Date() })).toThrow(RangeError);
    expect(() => periodWindow({ period: "1y" as never, timeZone: "UTC", now: new Date() })).toThrow(RangeError);
    // Everything the SQL takes from outside is a parameter: the zone and the instant never appear in its text.
    const w = periodWindow({ period: "7d", timeZone: "Europe/Berlin'; DROP TABLE x; --", now: new Date("2026-03-01T00:00:00Z") });
    expect(w.start.sql).not.toContain("DROP");
    expect(w.start.values).toContain("Europe/Berlin'; DROP TABLE x; --");
  });

  it("has whole buckets per period", () => {
    expect(Object.fromEntries(PERIOD_IDS.map((p) => [p, [OVERVIEW_PERIODS[p].bucket, OVERVIEW_PERIODS[p].buckets]]))).toEqual({
      "7d": ["day", 7],
      "30d": ["day", 30],
      "90d": ["day", 90],
      "12m": ["week", 52],
    });
  });
});

describe("parseTimeZone (the tz cookie)", () => {
  it("accepts IANA zones, in Intl's spelling", () => {
    for (const z of ["UTC", "Etc/UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Asia/Tokyo", "Pacific/Chatham", "Etc/GMT+12", "Etc/GMT-14"]) {
      expect(parseTimeZone(z)).toBe(z);
    }
    expect(parseTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(parseTimeZone("utc")).toBe("UTC");
  });

  it("accepts the aliases browsers report (Asia/Kolkata next to ICU's Asia/Calcutta, Europe/Kyiv)", () => {
    expect(parseTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(parseTimeZone("Asia/Calcutta")).toBe("Asia/Calcutta");
    expect(parseTimeZone("Europe/Kyiv")).toBe("Europe/Kyiv");
  });

  it.each([
    undefined, null, "", " ", "Mars/Olympus_Mons", "Europe/Berlin ", " Europe/Berlin", "Europe//Berlin", "../../etc/passwd", "/etc/localtime",
    "Europe/Berlin'; DROP TABLE webhook_event; --", "+05:00", "-0800", "GMT+5", "Z", "x".repeat(65), "Europe/" + "B".repeat(100), "Europe/Berlin\u0000",
    "Europe/Berlin%00", "__proto__", "constructor", "<script>", "Etc/GMT+99",
  ])("refuses %j", (value) => {
    expect(parseTimeZone(value as string | undefined)).toBeNull();
  });
});

describe("formatAge", () => {
  it.each([
    [0, "less than a minute"],
    [59_999, "less than a minute"],
    [60_000, "1 minute"],
    [125_000, "2 minutes"],
    [3_600_000, "1 hour"],
    [3_660_000, "1 hour 1 minute"],
    [2 * 3_600_000 + 59 * 60_000, "2 hours 59 minutes"],
    [86_400_000, "1 day"],
    [86_400_000 + 60_000, "1 day"],
    [90_000_000, "1 day 1 hour"],
    [10 * 86_400_000 + 5 * 3_600_000, "10 days 5 hours"],
    [1_500 * 86_400_000, "1,500 days"],
    [-5, "less than a minute"],
    [Number.NaN, "less than a minute"],
  ])("%d ms → %s", (ms, words) => {
    expect(formatAge(ms)).toBe(words);
  });
});
