/**
 * The signed tokens of the sign-up. Each kind is keyed with its own key derived from $KOEPFE_SECRET
 * and a purpose label (HKDF), so an unsubscribe token (keyed with the secret itself), a confirmation
 * token and a form token can never stand in for one another.
 *
 * Confirmation token: "<address>.<issued-at>.<nonce>.<mac>" — the address in base64url, the issue
 * time in seconds (base 36), the nonce the pending subscription keeps, and HMAC-SHA256 over the list
 * id and all three. Whether a token was already used is the caller's question: its nonce must be the
 * pending subscription's nonce.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { canonicalEmail } from "../lib/token.js";

const CONFIRM_PURPOSE = "koepfe confirm-token v1";
const FORM_PURPOSE = "koepfe form-token v1";

/** Longer tokens are not ours (a 254-character address makes ~420); checked before any decoding. */
export const MAX_CONFIRM_TOKEN_LENGTH = 512;
/** A form sent sooner than this after it was served was not filled in by a person. */
export const MIN_FORM_AGE_SECONDS = 3;
/** Clocks of two processes may differ a little; a time further in the future was not issued by us. */
const CLOCK_SKEW_SECONDS = 300;

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const CONFIRM_TOKEN = /^([A-Za-z0-9_-]{4,400})\.([0-9a-z]{1,9})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/;
const FORM_TOKEN = /^([0-9a-z]{1,9})\.([A-Za-z0-9_-]{22})$/;

const keyFor = (secret: string, purpose: string) => Buffer.from(hkdfSync("sha256", secret, "", purpose, 32));

function mac(key: Buffer, parts: readonly (string | number)[]): Buffer {
  // JSON keeps the parts apart whatever they contain
  return createHmac("sha256", key).update(JSON.stringify(parts)).digest();
}

/** Compares the MAC as text: base64url's spare bits would otherwise let several spellings pass. */
function sameTag(given: string, expected: Buffer): boolean {
  const a = Buffer.from(given, "latin1");
  const b = Buffer.from(expected.toString("base64url"), "latin1");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh nonce for a pending subscription: 128 random bits, base64url. */
export function newNonce(): string {
  return randomBytes(16).toString("base64url");
}

/** The confirmation token for one sign-up; `issuedAt` in whole seconds since 1970. */
export function confirmToken(secret: string, listId: string, email: string, issuedAt: number, nonce: string): string {
  if (!Number.isSafeInteger(issuedAt) || issuedAt < 0) throw new RangeError(`issuedAt must be whole seconds, got ${issuedAt}`);
  if (!NONCE.test(nonce)) throw new RangeError("the nonce must be 16-64 base64url characters (use newNonce())");
  const address = canonicalEmail(email);
  const tag = mac(keyFor(secret, CONFIRM_PURPOSE), [listId, address, issuedAt, nonce]).toString("base64url");
  return `${Buffer.from(address, "utf8").toString("base64url")}.${issuedAt.toString(36)}.${nonce}.${tag}`;
}

export type ConfirmTokenCheck =
  | { ok: true; email: string; issuedAt: number; nonce: string }
  | { ok: false; reason: "forged" | "expired" | "malformed" };

/** Verifies a confirmation token in constant time; `now` in seconds. */
export function readConfirmToken(secret: string, listId: string, token: string, now: number, ttlHours: number): ConfirmTokenCheck {
  if (token.length > MAX_CONFIRM_TOKEN_LENGTH) return { ok: false, reason: "malformed" };
  const m = CONFIRM_TOKEN.exec(token);
  if (!m) return { ok: false, reason: "malformed" };
  const [, encodedAddress = "", encodedTime = "", nonce = "", tag = ""] = m;
  const email = Buffer.from(encodedAddress, "base64url").toString("utf8");
  const issuedAt = Number.parseInt(encodedTime, 36);
  // one spelling per token: base64url and base 36 both have lenient variants that decode the same
  if (
    Buffer.from(email, "utf8").toString("base64url") !== encodedAddress ||
    issuedAt.toString(36) !== encodedTime ||
    !email.includes("@")
  ) {
    return { ok: false, reason: "malformed" };
  }
  const expected = mac(keyFor(secret, CONFIRM_PURPOSE), [listId, email, issuedAt, nonce]);
  if (!sameTag(tag, expected)) return { ok: false, reason: "forged" };
  // a time beyond the skew cannot be measured against the TTL: it is as unusable as an old one
  if (now - issuedAt > ttlHours * 3600 || issuedAt - now > CLOCK_SKEW_SECONDS) return { ok: false, reason: "expired" };
  return { ok: true, email, issuedAt, nonce };
}

/** The hidden form-timing token: when the form was served (seconds), signed. 128 bits of MAC are plenty here. */
export function formToken(secret: string, issuedAt: number): string {
  if (!Number.isSafeInteger(issuedAt) || issuedAt < 0) throw new RangeError(`issuedAt must be whole seconds, got ${issuedAt}`);
  const tag = mac(keyFor(secret, FORM_PURPOSE), [issuedAt]).subarray(0, 16).toString("base64url");
  return `${issuedAt.toString(36)}.${tag}`;
}

/** Seconds since the form was served, or null when the token is not ours (forged, malformed, from the future). */
export function readFormToken(secret: string, token: string, now: number): number | null {
  const m = FORM_TOKEN.exec(token);
  if (!m) return null;
  const [, encodedTime = "", tag = ""] = m;
  const issuedAt = Number.parseInt(encodedTime, 36);
  if (issuedAt.toString(36) !== encodedTime) return null;
  const expected = mac(keyFor(secret, FORM_PURPOSE), [issuedAt]).subarray(0, 16);
  if (!sameTag(tag, expected)) return null;
  if (issuedAt - now > CLOCK_SKEW_SECONDS) return null;
  return Math.max(0, now - issuedAt);
}
