import { describe, expect, it } from "vitest";
import { ConsentTextSetting, consentFor, defaultConsentText } from "../../src/subscribe/consent.js";

describe("consentFor", () => {
  it("the default names the list, the only use, and the way out", () => {
    const { text, version } = consentFor("100 Köpfe 2026");
    expect(text).toMatch(/^Ja, ich möchte den Newsletter „100 Köpfe 2026“ per E-Mail erhalten\./);
    expect(text).toContain("nur für den Versand dieses Newsletters");
    expect(text).toContain("jederzeit widerrufen");
    expect(text).toContain("Abmeldelink in jeder Ausgabe");
    expect(version).toMatch(/^standard-1-[0-9a-f]{8}$/);
  });

  it("the default's version changes with the wording, so a renamed list is a new consent", () => {
    expect(consentFor("100 Köpfe 2026").version).toBe(consentFor("100 Köpfe 2026").version);
    expect(consentFor("100 Köpfe 2027").version).not.toBe(consentFor("100 Köpfe 2026").version);
  });

  it("a string setting is the wording; its version is derived from it", () => {
    const text = "Ja, ich möchte den Countdown-Newsletter per E-Mail erhalten und kann mich jederzeit abmelden.";
    const consent = consentFor("egal", text);
    expect(consent.text).toBe(text);
    expect(consent.version).toMatch(/^text-[0-9a-f]{8}$/);
    expect(consentFor("egal", `${text} `).version).not.toBe(consent.version);
  });

  it("an object setting keeps the editors' version", () => {
    expect(consentFor("x", { text: defaultConsentText("y"), version: "2026-12" })).toEqual({
      text: defaultConsentText("y"),
      version: "2026-12",
    });
  });
});

describe("ConsentTextSetting (edition.json newsletter.consent_text)", () => {
  it("takes a string or { text, version }", () => {
    const text = "Ja, ich möchte den Newsletter erhalten. Abmelden geht jederzeit.";
    expect(ConsentTextSetting.parse(text)).toBe(text);
    expect(ConsentTextSetting.parse({ text, version: "v2.1_de-2026" })).toEqual({ text, version: "v2.1_de-2026" });
  });

  it("refuses line breaks, control characters, short or long texts, odd versions and unknown keys", () => {
    const text = "Ja, ich möchte den Newsletter erhalten. Abmelden geht jederzeit.";
    for (const bad of [
      `${text}\nBcc: x`,
      `Ja,\u2028${text}`,
      "Ja.",
      "x".repeat(1001),
      { text, version: "" },
      { text, version: "a b" },
      { text, version: "<script>" },
      { text, version: "x".repeat(41) },
      { text },
      { text, version: "1", extra: true },
      42,
    ]) {
      expect(ConsentTextSetting.safeParse(bad).success, JSON.stringify(bad).slice(0, 40)).toBe(false);
    }
  });
});
