/** VERP tags: short, lower-case, verifiable; forged, foreign and malformed tags are refused. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deliveryTag, parseVerp, verpAddress } from "../../src/bounce/verp.js";

const SECRET = "test-secret-0123456789";
const LIST = "koepfe-2026";
const BOUNCES = "bounces@example.net";

describe("VERP", () => {
  it("builds bounces+<tag>@domain with the issue and position in base 36 and a 10-character base32 MAC", () => {
    const tag = deliveryTag(SECRET, LIST, 3, 17);
    expect(tag).toMatch(/^3-h-[a-z2-7]{10}$/);
    expect(verpAddress(BOUNCES, tag)).toBe(`bounces+${tag}@example.net`);
  });

  it("matches the fixtures' tags (HMAC-SHA256 over 'verp\\n<list>\\n<issue>\\n<position>', RFC 4648 base32 lower-cased)", () => {
    expect(deliveryTag("fixture-secret-not-for-production", "koepfe-2026", 3, 17)).toBe("3-h-dxpqhmuwc7");
    expect(deliveryTag("fixture-secret-not-for-production", "koepfe-2026", 4, 3)).toBe("4-3-os6mgswipl");
  });

  it("round-trips any issue and position, and keeps the local part within 64 characters", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.nat({ max: 10_000_000 }), (issue, position) => {
        const address = verpAddress("newsletter-bounces@mail.koepfe.test", deliveryTag(SECRET, LIST, issue, position));
        expect(address.split("@")[0]?.length).toBeLessThanOrEqual(64);
        expect(parseVerp(address, "newsletter-bounces@mail.koepfe.test", SECRET, LIST)).toEqual({ issue, position });
      }),
    );
  });

  it("survives relays that change case: upper-case domain, upper-case tag", () => {
    const address = verpAddress(BOUNCES, deliveryTag(SECRET, LIST, 7, 99));
    expect(parseVerp(address.toUpperCase(), BOUNCES, SECRET, LIST)).toEqual({ issue: 7, position: 99 });
  });

  it("refuses forged, foreign and malformed tags", () => {
    const tag = deliveryTag(SECRET, LIST, 3, 17);
    const address = verpAddress(BOUNCES, tag);
    const forged = address.replace(
      /-([a-z2-7])([a-z2-7]{9})@/,
      (_m, first: string, rest: string) => `-${first === "a" ? "b" : "a"}${rest}@`,
    );
    expect(parseVerp(forged, BOUNCES, SECRET, LIST)).toBeNull();
    expect(parseVerp(address.replace("+3-h-", "+3-i-"), BOUNCES, SECRET, LIST)).toBeNull();
    expect(parseVerp(address.replace("+3-h-", "+03-h-"), BOUNCES, SECRET, LIST)).toBeNull();
    expect(parseVerp(address, BOUNCES, "another-secret-0123", LIST)).toBeNull();
    expect(parseVerp(address, BOUNCES, SECRET, "another-list")).toBeNull();
    expect(parseVerp(address.replace("@example.net", "@example.org"), BOUNCES, SECRET, LIST)).toBeNull();
    expect(parseVerp(address.replace("bounces+", "other+"), BOUNCES, SECRET, LIST)).toBeNull();
    for (const bad of [
      "bounces@example.net",
      "bounces+@example.net",
      "bounces+x@example.net",
      "bounces+3-h@example.net",
      "",
      "@",
      "bounces+3-h-abc@",
    ]) {
      expect(parseVerp(bad, BOUNCES, SECRET, LIST)).toBeNull();
    }
  });

  it("refuses negative or fractional numbers and local parts over 64 characters", () => {
    expect(() => deliveryTag(SECRET, LIST, -1, 0)).toThrow(RangeError);
    expect(() => deliveryTag(SECRET, LIST, 1, 0.5)).toThrow(RangeError);
    expect(() => verpAddress(`${"b".repeat(50)}@example.net`, deliveryTag(SECRET, LIST, 1, 1))).toThrow(/64/);
  });
});
