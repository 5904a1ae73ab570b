/**
 * Unsubscribe tokens: HMAC-SHA256 over the list id and the address, keyed with $KOEPFE_SECRET.
 * The token carries the address (base64url) so the unsubscribe server needs no lookup table, and the
 * MAC so nobody can unsubscribe somebody else. The newsletter fill step, the sender and `serve` all use it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { KoepfeError } from "./errors.js";

export const SECRET_ENV = "KOEPFE_SECRET";
const MIN_SECRET_LENGTH = 16;

/** Reads the secret from the environment, or stops with a clear message. */
export function requireSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env[SECRET_ENV];
  if (secret === undefined || secret.length === 0) {
    throw new KoepfeError(
      "E_NO_SECRET",
      `${SECRET_ENV} is not set: it signs the unsubscribe links (use at least ${MIN_SECRET_LENGTH} random characters, e.g. "openssl rand -hex 32")`,
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new KoepfeError("E_WEAK_SECRET", `${SECRET_ENV} is too short (${secret.length} characters; at least ${MIN_SECRET_LENGTH})`);
  }
  return secret;
}

/** Canonical form of an address for tokens, the ledger and de-duplication: trimmed, domain lower-cased. */
export function canonicalEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return trimmed;
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

function mac(secret: string, listId: string, email: string): Buffer {
  return createHmac("sha256", secret)
    .update(`${listId}\n${canonicalEmail(email)}`)
    .digest();
}

/** The token for one recipient of one list: "<base64url address>.<base64url mac>". */
export function unsubscribeToken(secret: string, listId: string, email: string): string {
  const address = Buffer.from(canonicalEmail(email), "utf8").toString("base64url");
  return `${address}.${mac(secret, listId, email).toString("base64url")}`;
}

/** The address a token was made for, or null when the token is forged, truncated or from another list. */
export function verifyUnsubscribeToken(secret: string, listId: string, token: string): string | null {
  if (token.length > 600) return null;
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const email = Buffer.from(match[1] ?? "", "base64url").toString("utf8");
  if (!email.includes("@")) return null;
  const given = Buffer.from(match[2] ?? "", "base64url");
  const expected = mac(secret, listId, email);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return canonicalEmail(email);
}

/**
 * What the ledger keeps of a forgotten address (GDPR Art. 17): a keyed hash, so a stale row of
 * subscribers.csv can be recognised and kept out without the address being stored. Case-insensitive
 * like the suppression list. Rotating KOEPFE_SECRET makes the old hashes unrecognisable.
 */
export function forgetHash(secret: string, email: string): string {
  return createHmac("sha256", secret)
    .update(`forget\n${canonicalEmail(email).toLowerCase()}`)
    .digest("hex");
}
