/**
 * Turning hostile payload strings into WebhookEvent fields. Nothing here throws: a value that does not
 * fit becomes null, and the caller decides whether the event can do without it (a recipient whose
 * address is invalid is skipped, the others are kept).
 */
import { isEmail } from "../../edition/fields.js";
import { singleLine } from "../../lib/text-safety.js";
import { canonicalEmail } from "../../lib/token.js";

export const MAX_DIAGNOSTIC_CHARS = 1000;

/** The recipient as canonicalEmail, or null. Accepts "a@b" and "Name <a@b>" (DSN Final-Recipient style). */
export function recipientEmail(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length > 512) return null;
  const bracketed = /<([^<>]*)>\s*$/.exec(raw);
  const address = (bracketed ? (bracketed[1] ?? "") : raw).trim();
  return isEmail(address) ? canonicalEmail(address) : null;
}

/**
 * Diagnostic text for logs and the terminal: one line (SMTP answers span several), no control,
 * separator or bidi characters, cut to 1000 characters without splitting a surrogate pair.
 */
export function diagnosticText(raw: string): string {
  const line = singleLine(raw.length > 4 * MAX_DIAGNOSTIC_CHARS ? raw.slice(0, 4 * MAX_DIAGNOSTIC_CHARS) : raw);
  if (line.length <= MAX_DIAGNOSTIC_CHARS) return line;
  const cut = line.slice(0, MAX_DIAGNOSTIC_CHARS);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

const ENHANCED_STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;
// not part of a longer dotted number: "10.5.1.1" is an IP address, not status 5.1.1
const ENHANCED_STATUS_IN_TEXT = /(?<![\d.])([245]\.\d{1,3}\.\d{1,3})(?![\d.])/;

/** An RFC 3463 status given as a field ("5.1.1"), or null. */
export function enhancedStatus(raw: unknown): string | null {
  return typeof raw === "string" && ENHANCED_STATUS.test(raw.trim()) ? raw.trim() : null;
}

/** The first RFC 3463 status inside a diagnostic such as "smtp; 550 5.1.1 user unknown", or null. */
export function enhancedStatusIn(text: string): string | null {
  return ENHANCED_STATUS_IN_TEXT.exec(text)?.[1] ?? null;
}

// printable ASCII without "<", ">" and spaces on both sides of the "@" (RFC 5322 msg-id, loosely)
const MESSAGE_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]{1,500}@[\x21-\x3b\x3d\x3f-\x7e]{1,500}>$/;

/** Our Message-ID in <angle brackets> (added when the provider strips them), or null when it is not one. */
export function messageIdValue(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const trimmed = raw.trim();
  const bracketed = trimmed.startsWith("<") ? trimmed : `<${trimmed}>`;
  return MESSAGE_ID.test(bracketed) ? bracketed : null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO instant with an offset ("…Z", "…-04:00", up to 9 fraction digits as Postmark sends) as UTC ISO, or null. */
export function isoInstant(raw: unknown): string | null {
  if (typeof raw !== "string" || !ISO_INSTANT.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Unix seconds (Mailgun's event timestamp, with fraction) as UTC ISO, or null. */
export function unixSecondsInstant(raw: unknown): string | null {
  if (typeof raw !== "number" || !Number.isFinite(raw) || raw < 0 || raw > 1e11) return null;
  return new Date(Math.round(raw * 1000)).toISOString();
}

/** Provider event ids become idempotency keys and log text: printable ASCII without spaces, ≤ 256 characters. */
export function isEventId(raw: unknown): raw is string {
  return typeof raw === "string" && /^[\x21-\x7e]{1,256}$/.test(raw);
}
