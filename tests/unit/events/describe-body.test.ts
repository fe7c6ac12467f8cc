import { describe, expect, it } from "vitest";
import { describeBody } from "@/lib/events/get-delivery.ts";
import { scanJson } from "@/lib/events/scan-json.ts";

// How the delivery page shows a refused body: JSON as a tree when it parses and is shallow, else as
// text with control characters visible and invalid UTF-8 replaced.

describe("describeBody", () => {
  it("shows JSON as JSON, and anything else as visible text", () => {
    expect(describeBody(Buffer.from('{"a":1}'))).toEqual({ kind: "json", value: { a: 1 }, bytes: 7 });
    expect(describeBody(Buffer.from('{"a":"x\u0000y"'))).toMatchObject({ kind: "text", text: '{"a":"x\\u0000y"', why: "not JSON" });
    expect(describeBody(Buffer.from([0x7b, 0xff, 0x7d]))).toMatchObject({ kind: "text", why: expect.stringContaining("not valid UTF-8") });
    expect(describeBody(Buffer.from(`${"[".repeat(100)}${"]".repeat(100)}`))).toMatchObject({ kind: "text", why: "nested deeper than 64 levels" });
    expect(describeBody(null)).toEqual({ kind: "none" });
  });

  it("the scan names where a problem is", () => {
    expect(scanJson('{"data":{"list":[1,{"email":"a\\u0000"}]}}').refused).toEqual({ kind: "nul", path: ["data", "list", 1, "email"] });
    expect(scanJson('{"a":"\\ud83d\\ude00","b":"\\ud83d"}').refused).toEqual({ kind: "surrogate", path: ["b"] });
    expect(scanJson('{"k\\u005f":1,"__proto__":{}}').riskyKeys).toBe(true);
    expect(scanJson('{"n":[1,2,1e131072]}').numbers).toEqual([{ kind: "number", path: ["n", 2], token: "1e131072" }]);
  });
});
