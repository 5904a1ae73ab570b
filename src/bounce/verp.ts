/**
 * VERP (variable envelope return path): each delivery gets its own bounce address, so a bounce names
 * the delivery it belongs to even when the report itself is unreadable or names a forwarded address.
 * The tag carries the issue and the recipient's position, and a MAC so nobody can forge a bounce that
 * suppresses somebody else.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** RFC 4648 base32 alphabet, lower-cased: some MTAs lower-case local parts, so the tag must survive that. */
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const MAC_LENGTH = 10;
/** RFC 5321 limit for a local part. */
const MAX_LOCAL_PART = 64;
const TAG = /^([0-9a-z]{1,11})-([0-9a-z]{1,11})-([a-z2-7]{10})$/;

function base32(bytes: Buffer): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function mac(secret: string, listId: string, issue: number, position: number): string {
  const digest = createHmac("sha256", secret).update(`verp\n${listId}\n${issue}\n${position}`).digest();
  return base32(digest).slice(0, MAC_LENGTH);
}

function splitAddress(address: string): { local: string; domain: string } | null {
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return null;
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/**
 * The tag of one delivery: `<issue base36>-<position base36>-<mac>`, e.g. "3-2s-k4q7x2m9ab".
 * Throws on a negative or non-integer issue or position: that is a programming error, not data.
 */
export function deliveryTag(secret: string, listId: string, issue: number, position: number): string {
  if (!Number.isSafeInteger(issue) || issue < 0 || !Number.isSafeInteger(position) || position < 0) {
    throw new RangeError(`VERP issue and position must be non-negative integers (got ${issue}, ${position})`);
  }
  return `${issue.toString(36)}-${position.toString(36)}-${mac(secret, listId, issue, position)}`;
}

/** "bounces@example.net" + tag → "bounces+<tag>@example.net"; throws when the local part would exceed 64 characters. */
export function verpAddress(bounceAddress: string, tag: string): string {
  const parts = splitAddress(bounceAddress);
  if (parts === null) throw new RangeError(`bounce address "${bounceAddress}" has no local part and domain`);
  const local = `${parts.local}+${tag}`;
  if (local.length > MAX_LOCAL_PART) {
    throw new RangeError(`VERP local part "${local}" is longer than ${MAX_LOCAL_PART} characters: use a shorter bounce address`);
  }
  return `${local}@${parts.domain}`;
}

/**
 * The delivery a VERP address stands for, or null when the address is not ours (another local part
 * or domain), malformed, or carries a forged or foreign MAC. The domain compares case-insensitively
 * and the tag lower-cased, because relays may change the case of both.
 */
export function parseVerp(
  address: string,
  bounceAddress: string,
  secret: string,
  listId: string,
): { issue: number; position: number } | null {
  const given = splitAddress(address.trim());
  const ours = splitAddress(bounceAddress);
  if (given === null || ours === null || given.local.length > MAX_LOCAL_PART) return null;
  if (given.domain.toLowerCase() !== ours.domain.toLowerCase()) return null;
  const prefix = `${ours.local}+`;
  if (given.local.length <= prefix.length || given.local.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return null;
  const match = TAG.exec(given.local.slice(prefix.length).toLowerCase());
  if (match === null) return null;
  const issue = Number.parseInt(match[1] ?? "", 36);
  const position = Number.parseInt(match[2] ?? "", 36);
  if (!Number.isSafeInteger(issue) || !Number.isSafeInteger(position)) return null;
  // a tag like "03-…" would parse to the same numbers as "3-…": only the canonical spelling carries a valid MAC
  if (issue.toString(36) !== match[1] || position.toString(36) !== match[2]) return null;
  const expected = Buffer.from(mac(secret, listId, issue, position));
  const actual = Buffer.from(match[3] ?? "");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { issue, position };
}
