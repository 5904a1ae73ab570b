/**
 * Mailgun's webhook signature: the JSON body's `signature` object holds {timestamp, token, signature},
 * where signature = hex(HMAC-SHA256(signing key, timestamp + token)). The timestamp limits replays to
 * a window; the token, remembered through deps.seen, closes the window.
 */
import { createHmac } from "node:crypto";
import { type JsonObject, objectAt, stringAt } from "./json.js";
import type { ProviderDeps, RejectedOutcome } from "./model.js";
import { reject } from "./outcome.js";
import { secretsEqual } from "./secret-compare.js";

/** How far Mailgun's timestamp may be from our clock, either way. */
export const MAILGUN_MAX_SKEW_MS = 5 * 60 * 1000;

/** hex(HMAC-SHA256(key, timestamp + token)), as Mailgun computes it. */
export function mailgunSignature(signingKey: string, timestamp: string, token: string): string {
  return createHmac("sha256", signingKey)
    .update(timestamp + token)
    .digest("hex");
}

/**
 * Null when the body is Mailgun's and fresh, else the rejection. The order matters: the signature is
 * checked first, so unauthenticated requests never reach the replay cache (they could fill it), and the
 * token is recorded only for requests that are otherwise valid.
 */
export function checkMailgunSignature(body: JsonObject, signingKey: string, deps: ProviderDeps): RejectedOutcome | null {
  const sig = objectAt(body, "signature");
  const timestamp = sig === null ? null : stringAt(sig, "timestamp");
  const token = sig === null ? null : stringAt(sig, "token");
  const signature = sig === null ? null : stringAt(sig, "signature");
  if (timestamp === null || token === null || signature === null) {
    return reject("badSignature", "the body has no signature object with timestamp, token and signature");
  }
  if (!/^\d{1,12}$/.test(timestamp) || !/^[\x21-\x7e]{1,256}$/.test(token) || !/^[0-9a-f]{64}$/i.test(signature)) {
    return reject("badSignature", "the signature object's timestamp, token or signature is malformed");
  }
  if (!secretsEqual(signature.toLowerCase(), mailgunSignature(signingKey, timestamp, token))) {
    return reject("badSignature", "the Mailgun signature does not match");
  }
  if (Math.abs(deps.now() - Number(timestamp) * 1000) > MAILGUN_MAX_SKEW_MS) {
    return reject("stale", `the Mailgun timestamp ${timestamp} is more than 5 minutes from our clock`);
  }
  if (deps.seen?.(`mailgun:${token}`) === true) {
    return reject("replay", "this Mailgun token was used before (a replayed request)");
  }
  return null;
}
