// The one rule for record ids arriving as text (lib/records/parse-record-id.ts): canonical decimal,
// 1 to 2^63-1. Every detail route and the review actions use it; tests/integration/records checks
// each route's getter with it.
import { describe, expect, it } from "vitest";
import { FP_ID } from "@/lib/records/fp-id.ts";
import { MAX_BIGINT, parseRecordId } from "@/lib/records/parse-record-id.ts";
import { NOT_RECORD_IDS } from "../../helpers/record-ids.ts";

describe("parseRecordId", () => {
  it.each(NOT_RECORD_IDS)("turns away %j", (raw) => {
    expect(parseRecordId(raw)).toBeNull();
  });

  it("reads canonical ids from 1 to the largest bigint", () => {
    expect(parseRecordId("7")).toBe(7n);
    expect(parseRecordId("1")).toBe(1n);
    expect(parseRecordId("10")).toBe(10n);
    expect(parseRecordId("123456789012345678")).toBe(123456789012345678n);
    expect(parseRecordId("9223372036854775807")).toBe(MAX_BIGINT);
    expect(MAX_BIGINT).toBe(2n ** 63n - 1n);
  });

  it("round-trips: a parsed id prints back as the text it came from", () => {
    for (const raw of ["7", "1000", "9223372036854775807"]) expect(parseRecordId(raw)?.toString()).toBe(raw);
  });
});

describe("FP_ID (list filters)", () => {
  it("accepts canonical ids of up to 18 digits only", () => {
    for (const ok of ["7", "10", "999999999999999999"]) expect(FP_ID.test(ok), ok).toBe(true);
    for (const bad of ["007", "0", "-1", "1e3", " 7", "", "9999999999999999999"]) expect(FP_ID.test(bad), bad).toBe(false);
  });
});
