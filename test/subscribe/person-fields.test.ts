import { describe, expect, it } from "vitest";
import { domainToASCII } from "node:url";
import { checkEmail, checkFirstName } from "../../src/subscribe/person-fields.js";

const ok = <T>(value: T) => ({ ok: true, value });

describe("checkEmail", () => {
  it("keeps the local part as typed and lower-cases the domain", () => {
    expect(checkEmail("Anna.Müller@Example.ORG")).toMatchObject({ ok: false });
    expect(checkEmail(" Anna.Mueller+news@Example.ORG\t")).toEqual(ok("Anna.Mueller+news@example.org"));
  });

  it("takes exactly 64 characters before the @ and 254 in all, not one more", () => {
    const local = "a".repeat(64);
    expect(checkEmail(`${local}@example.org`).ok).toBe(true);
    expect(checkEmail(`${local}a@example.org`).ok).toBe(false);
    const domain = `${"d".repeat(63)}.${"d".repeat(63)}.${"e".repeat(61)}`;
    const longest = `${local}@${domain}`;
    expect(longest.length).toBe(254);
    expect(checkEmail(longest).ok).toBe(true);
    expect(checkEmail(`${longest.slice(0, 65)}x${longest.slice(65)}`).ok).toBe(false);
  });

  it("an umlaut domain whose ASCII form is too long is too long", () => {
    // 30 different accented letters: punycode needs 53 ASCII characters for them
    const label = "äöüéèêàâçñąćęłńóśźżőűåæøîïôùûÿ";
    const typed = `${"a".repeat(60)}@${label}.${label}.${label}.${label}.de`;
    expect(typed.length).toBeLessThanOrEqual(254);
    expect(domainToASCII(typed.slice(61)).length + 61).toBeGreaterThan(254);
    expect(checkEmail(typed)).toMatchObject({ ok: false, message: expect.stringContaining("254") });
  });

  it("refuses dots at the ends of the local part, two dots in a row, and an @ without domain", () => {
    for (const bad of [
      ".anna@example.org",
      "anna.@example.org",
      "an..na@example.org",
      "anna@",
      "@example.org",
      "anna@example..org",
      "anna@-example.org",
    ]) {
      expect(checkEmail(bad).ok, bad).toBe(false);
    }
  });

  it("refuses a name with the address in angle brackets, and HTML", () => {
    expect(checkEmail("Anna <anna@example.org>").ok).toBe(false);
    expect(checkEmail('"><script>@example.org').ok).toBe(false);
  });
});

describe("checkFirstName", () => {
  it("accepts names of many kinds", () => {
    for (const name of [
      "Anna",
      "Jörg-Peter",
      "Zoë",
      "Zoe\u0308",
      "O'Brien",
      "D’Artagnan",
      "Ana María",
      "J. R.",
      "Anna M.",
      "Łukasz",
      "Ørjan",
      "Мария",
      "明美",
      "Ἀλέξανδρος",
    ]) {
      expect(checkFirstName(name), name).toEqual(ok(name));
    }
  });

  it("empty or only spaces is no first name", () => {
    expect(checkFirstName("")).toEqual(ok(null));
    expect(checkFirstName("   ")).toEqual(ok(null));
  });

  it("counts characters, not UTF-16 units: 80 letters outside the BMP pass", () => {
    expect(checkFirstName("𝒜".repeat(80)).ok).toBe(true);
    expect(checkFirstName("𝒜".repeat(81)).ok).toBe(false);
  });

  it("refuses invisible characters, bidi overrides, digits, URLs and markup", () => {
    for (const name of [
      "An\u200bna",
      "\u202eanna",
      "Anna\u00ad",
      "Anna2",
      "www.spam.example",
      "gewinn.example",
      "Anna..",
      "Anna<",
      "Anna@x",
      "-Anna",
      "'Anna",
    ]) {
      expect(checkFirstName(name).ok, JSON.stringify(name)).toBe(false);
    }
  });
});
