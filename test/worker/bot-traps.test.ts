import { describe, expect, it } from "vitest";
import { botVerdict } from "../../worker/lib/bot-traps.ts";

describe("botVerdict", () => {
  it("refuses a failed Turnstile check first, then an expired form", () => {
    expect(botVerdict({ turnstile: false, form: "expired", honeypot: true })).toEqual({ refuse: "turnstile_failed" });
    expect(botVerdict({ turnstile: true, form: "expired", honeypot: true })).toEqual({ refuse: "form_expired" });
    expect(botVerdict({ turnstile: null, form: "expired", honeypot: false })).toEqual({ refuse: "form_expired" });
  });

  it("names the honeypot before a bad form token, and no trap for a good form", () => {
    expect(botVerdict({ turnstile: null, form: "too_fast", honeypot: true })).toEqual({ refuse: null, trap: "honeypot" });
    expect(botVerdict({ turnstile: true, form: "forged", honeypot: false })).toEqual({ refuse: null, trap: "form token forged" });
    expect(botVerdict({ turnstile: null, form: "missing", honeypot: false })).toEqual({ refuse: null, trap: "form token missing" });
    expect(botVerdict({ turnstile: null, form: "ok", honeypot: false })).toEqual({ refuse: null, trap: null });
  });
});
