import { afterEach, describe, expect, it } from "vitest";
import { centsToDecimalString, formatAmount, ledgerCurrency, validCurrency } from "@/lib/format/amount.ts";

describe("formatAmount", () => {
  it("formats cash cents as currency without losing cents", () => {
    expect(formatAmount("50744", "cash", { locale: "en-US" })).toBe("$507.44");
    expect(formatAmount("50744.0000", "cash", { locale: "en-US" })).toBe("$507.44");
    expect(formatAmount("5", "cash", { locale: "en-US" })).toBe("$0.05");
    expect(formatAmount("-120", "cash", { locale: "en-US" })).toBe("-$1.20");
    expect(formatAmount("900719925474099312", "cash", { locale: "en-US" })).toBe("$9,007,199,254,740,993.12");
    expect(formatAmount("20044", "cash", { locale: "de-DE", currency: "EUR" })).toBe("200,44\u00a0€");
  });
  it("formats the other units", () => {
    expect(formatAmount("3.0000", "free_months", { locale: "en-US" })).toBe("3 free months");
    expect(formatAmount("1", "free_months", { locale: "en-US" })).toBe("1 free month");
    expect(formatAmount("12.5", "discount_per", { locale: "en-US" })).toBe("12.5%");
    expect(formatAmount("1500", "points", { locale: "en-US" })).toBe("1,500 points");
    expect(formatAmount("7", "mon_discount", { locale: "en-US" })).toBe("7 mon discount");
    expect(formatAmount(null, "cash")).toBe("—");
  });
  it("splits cents exactly", () => {
    expect(centsToDecimalString("0")).toBe("0.00");
    expect(centsToDecimalString("12345")).toBe("123.45");
    expect(centsToDecimalString("12345.5000")).toBe("123.455");
  });
});

describe("ledgerCurrency", () => {
  const saved = process.env.LEDGER_CURRENCY;
  afterEach(() => {
    if (saved === undefined) delete process.env.LEDGER_CURRENCY;
    else process.env.LEDGER_CURRENCY = saved;
  });

  it("reads LEDGER_CURRENCY at run time on the server, falling back to USD for anything that is not a currency code", () => {
    process.env.LEDGER_CURRENCY = "eur";
    expect(ledgerCurrency()).toBe("EUR");
    expect(formatAmount("1050", "cash", { locale: "en-US" })).toBe("€10.50");
    for (const bad of ["", "EURO", "X1Y", "<script>"]) {
      process.env.LEDGER_CURRENCY = bad;
      expect(ledgerCurrency(), bad).toBe("USD");
    }
    delete process.env.LEDGER_CURRENCY;
    expect(ledgerCurrency()).toBe("USD");
  });

  it("accepts only ISO 4217 codes", () => {
    expect(validCurrency("jpy")).toBe("JPY");
    expect(validCurrency("US")).toBeNull();
    expect(validCurrency(null)).toBeNull();
  });
});
