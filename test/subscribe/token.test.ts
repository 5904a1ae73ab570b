import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_CONFIRM_TOKEN_LENGTH, confirmToken, formToken, newNonce, readConfirmToken, readFormToken } from "../../src/subscribe/token.js";
import { unsubscribeToken, verifyUnsubscribeToken } from "../../src/lib/token.js";

const SECRET = "test-secret-0123456789abcdef";
const LIST = "koepfe-2026.example.org";
const NONCE = "AAAAAAAAAAAAAAAAAAAAAA";
const T0 = 1_796_000_000; // 2026-11-30
const HOUR = 3600;

const read = (token: string, now = T0 + 60, ttlHours = 48) => readConfirmToken(SECRET, LIST, token, now, ttlHours);

/** Replaces the character at `i` with another base64url character. */
const flip = (s: string, i: number) => `${s.slice(0, i)}${s[i] === "A" ? "B" : "A"}${s.slice(i + 1)}`;

describe("confirmation tokens", () => {
  it("round-trip the canonical address, the time and the nonce", () => {
    const token = confirmToken(SECRET, LIST, "Jörg.Müller@Bäckerei.EXAMPLE", T0, NONCE);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(read(token)).toEqual({ ok: true, email: "Jörg.Müller@bäckerei.example", issuedAt: T0, nonce: NONCE });
  });

  it("newNonce gives 22 base64url characters, different each time, that confirmToken takes", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newNonce()).not.toBe(a);
    expect(read(confirmToken(SECRET, LIST, "a@example.org", T0, a))).toMatchObject({ ok: true, nonce: a });
  });

  it("expire after ttlHours, not before", () => {
    const token = confirmToken(SECRET, LIST, "a@example.org", T0, NONCE);
    expect(read(token, T0 + 48 * HOUR).ok).toBe(true);
    expect(read(token, T0 + 48 * HOUR + 1)).toEqual({ ok: false, reason: "expired" });
    expect(read(token, T0 + 2 * HOUR, 1)).toEqual({ ok: false, reason: "expired" });
  });

  it("tolerate five minutes of clock skew, but not a time stamp further in the future", () => {
    const token = confirmToken(SECRET, LIST, "a@example.org", T0, NONCE);
    expect(read(token, T0 - 300).ok).toBe(true);
    expect(read(token, T0 - 301)).toEqual({ ok: false, reason: "expired" });
  });

  it("are forged with another secret, another list, or any changed character", () => {
    const token = confirmToken(SECRET, LIST, "a@example.org", T0, NONCE);
    expect(readConfirmToken("another-secret-0123456789", LIST, token, T0, 48)).toEqual({ ok: false, reason: "forged" });
    expect(readConfirmToken(SECRET, "other.example.org", token, T0, 48)).toEqual({ ok: false, reason: "forged" });
    const [address = "", , nonce = "", tag = ""] = token.split(".");
    const other = Buffer.from("b@example.org").toString("base64url");
    expect(read(`${other}.${token.split(".").slice(1).join(".")}`)).toEqual({ ok: false, reason: "forged" });
    expect(read(`${address}.${(T0 + 3600).toString(36)}.${nonce}.${tag}`)).toEqual({ ok: false, reason: "forged" });
    expect(read(token.replace(NONCE, "BAAAAAAAAAAAAAAAAAAAAA"))).toEqual({ ok: false, reason: "forged" });
    expect(read(flip(token, token.length - 5))).toEqual({ ok: false, reason: "forged" });
  });

  it("have one spelling: the spare bits of the last base64url character cannot be changed", () => {
    const token = confirmToken(SECRET, LIST, "a@example.org", T0, NONCE);
    const last = token.at(-1) ?? "";
    // the last of 43 characters carries 4 bits: flipping a spare bit decodes to the same bytes
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const twin = alphabet[alphabet.indexOf(last) ^ 1] ?? "";
    expect(Buffer.from(token.slice(-43), "base64url")).toEqual(Buffer.from(`${token.slice(-43, -1)}${twin}`, "base64url"));
    expect(read(`${token.slice(0, -1)}${twin}`)).toEqual({ ok: false, reason: "forged" });
  });

  it("are malformed when truncated, padded, too long, or not in the format", () => {
    const token = confirmToken(SECRET, LIST, "a@example.org", T0, NONCE);
    for (const bad of [
      "",
      token.slice(0, -1),
      `${token}=`,
      `${token}.x`,
      token.replaceAll(".", ""),
      `${token.slice(0, 10)}+${token.slice(11)}`,
      "x".repeat(MAX_CONFIRM_TOKEN_LENGTH + 1),
      `${Buffer.from("no-at-sign").toString("base64url")}.${token.split(".").slice(1).join(".")}`,
      token.replace(`.${T0.toString(36)}.`, `.0${T0.toString(36)}.`),
    ]) {
      expect(read(bad), bad.slice(0, 40)).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("stay under the length limit for the longest address", () => {
    const longest = `${"a".repeat(64)}@${"d".repeat(63)}.${"d".repeat(63)}.${"e".repeat(61)}`;
    const token = confirmToken(SECRET, LIST, longest, T0, "A".repeat(64));
    expect(token.length).toBeLessThanOrEqual(MAX_CONFIRM_TOKEN_LENGTH);
    expect(read(token)).toMatchObject({ ok: true, email: longest });
  });

  it("cannot be made from a bad nonce or time", () => {
    expect(() => confirmToken(SECRET, LIST, "a@example.org", T0, "short")).toThrow(RangeError);
    expect(() => confirmToken(SECRET, LIST, "a@example.org", T0, `${NONCE}.x`)).toThrow(RangeError);
    expect(() => confirmToken(SECRET, LIST, "a@example.org", 1.5, NONCE)).toThrow(RangeError);
    expect(() => confirmToken(SECRET, LIST, "a@example.org", -1, NONCE)).toThrow(RangeError);
  });

  it("an unsubscribe token is no confirmation token, and the other way round", () => {
    const unsubscribe = unsubscribeToken(SECRET, LIST, "a@example.org");
    expect(read(unsubscribe).ok).toBe(false);
    const confirm = confirmToken(SECRET, LIST, "a@example.org", T0, NONCE);
    expect(verifyUnsubscribeToken(SECRET, LIST, confirm)).toBeNull();
    // even spliced into the other's shape the MACs differ: each kind has its own key
    const [address = "", , , tag = ""] = confirm.split(".");
    expect(verifyUnsubscribeToken(SECRET, LIST, `${address}.${tag}`)).toBeNull();
    expect(unsubscribe.split(".")[1]).not.toBe(tag);
  });

  it("any string is answered, never thrown on (random input)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (s) => {
        expect(read(s).ok).toBe(false);
      }),
    );
  });
});

describe("form-timing tokens", () => {
  it("give the form's age in seconds", () => {
    const token = formToken(SECRET, T0);
    expect(token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    expect(readFormToken(SECRET, token, T0)).toBe(0);
    expect(readFormToken(SECRET, token, T0 + 2)).toBe(2);
    expect(readFormToken(SECRET, token, T0 + 86_400)).toBe(86_400);
  });

  it("a little clock skew counts as age 0; a time further ahead is not ours", () => {
    const token = formToken(SECRET, T0);
    expect(readFormToken(SECRET, token, T0 - 300)).toBe(0);
    expect(readFormToken(SECRET, token, T0 - 301)).toBeNull();
  });

  it("are null when forged, changed, or a confirmation token", () => {
    const token = formToken(SECRET, T0);
    expect(readFormToken("another-secret-0123456789", token, T0)).toBeNull();
    expect(readFormToken(SECRET, `${(T0 - 60).toString(36)}.${token.split(".")[1]}`, T0)).toBeNull();
    expect(readFormToken(SECRET, flip(token, token.length - 3), T0)).toBeNull();
    expect(readFormToken(SECRET, "", T0)).toBeNull();
    expect(readFormToken(SECRET, `0${token}`, T0)).toBeNull();
    expect(readFormToken(SECRET, confirmToken(SECRET, LIST, "a@example.org", T0, NONCE), T0)).toBeNull();
  });
});
