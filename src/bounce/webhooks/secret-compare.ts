/**
 * Comparing a secret from a request with the configured one without leaking, through timing, how many
 * leading characters were right or how long the secret is: both sides are hashed to 32 bytes first,
 * then compared with timingSafeEqual (which itself requires equal lengths).
 */
import { createHash, timingSafeEqual } from "node:crypto";

function digest(value: string | Buffer): Buffer {
  return createHash("sha256").update(value).digest();
}

/** True when both values are byte-for-byte equal; constant time in their contents. */
export function secretsEqual(given: string | Buffer, expected: string | Buffer): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
