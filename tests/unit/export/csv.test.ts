import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "@/lib/export/csv.ts";

describe("csvCell", () => {
  it("escapes text that a spreadsheet would read as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe("\"'\r=1\"");
  });

  it("leaves plain numbers, ordinary text and values we type ourselves alone", () => {
    expect(csvCell("-12.50")).toBe("-12.50");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(12n)).toBe("12");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("ana@example.com")).toBe("ana@example.com");
    expect(csvCell(true)).toBe("true");
  });

  it("quotes separators, quotes, line breaks and edge spaces (RFC 4180)", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded")).toBe('" padded"');
  });

  it("writes dates as ISO instants and nothing for null", () => {
    expect(csvCell(new Date("2026-01-02T03:04:05.006Z"))).toBe("2026-01-02T03:04:05.006Z");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(new Date(Number.NaN))).toBe("");
  });

  it("ends lines with CRLF", () => {
    expect(csvLine(["a", 1, null, "=x"])).toBe("a,1,,'=x\r\n");
  });
});
