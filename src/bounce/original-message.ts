/**
 * The returned original: where it starts in a text bounce, and what we need from it (its Message-ID,
 * to find the delivery; its To, for complaints that redact Original-Rcpt-To).
 */

/**
 * Lines that introduce the returned message in text bounces (Exim, qmail, Sendmail, Exchange, GMX,
 * German relays). Everything after them is the original, not the notification.
 */
const ORIGINAL_STARTS = [
  /^\s*-+ ?This is a copy of the message,? including all the headers\.? ?-+/im,
  /^\s*--- Below this line is a copy of the message\./im,
  /^\s*-+ ?(?:Original|Returned|Undelivered|Unsent) message(?: headers)?(?: follows)? ?-+/im,
  /^\s*-+ ?(?:Original|Returned) mail follows ?-+/im,
  /^\s*-+ ?Message header follows ?-+/im,
  /^\s*-+ ?The header of the original message is following\. ?-+/im,
  /^\s*Original message headers:/im,
  /^\s*-+ ?(?:Ursprüngliche Nachricht|Originalnachricht|Kopf der Originalnachricht|Original-Nachricht)(?: folgt)?:? ?-+/im,
  /^\s*\|-+ ?Message text follows:? ?-+\|/im,
  /^\s*-+ ?Header of the original message ?-+/im,
];

/** Splits a text bounce into the notification and the returned original ("" when none is marked). */
export function splitOriginal(text: string): { notification: string; original: string } {
  let start = -1;
  for (const marker of ORIGINAL_STARTS) {
    const m = marker.exec(text);
    if (m !== null && (start < 0 || m.index < start)) start = m.index;
  }
  if (start < 0) return { notification: text, original: "" };
  return { notification: text.slice(0, start), original: text.slice(start) };
}

/** A Message-ID as RFC 5322 writes it: printable ASCII in angle brackets, nothing a header could break on. */
const MESSAGE_ID = /<([\x21-\x3b\x3d\x3f-\x7e]{1,250})>/;

/** "<id@host>" from a Message-ID field value (brackets added when a relay dropped them), or null. */
export function normaliseMessageId(value: string): string | null {
  const bracketed = MESSAGE_ID.exec(value);
  if (bracketed !== null) return `<${bracketed[1]}>`;
  const bare = /^\s*([\x21-\x3b\x3d\x3f-\x7e]{1,250}@[\x21-\x3b\x3d\x3f-\x7e]{1,250})\s*$/.exec(value);
  return bare === null ? null : `<${bare[1]}>`;
}

/** The Message-ID field of a returned original written inline in a text (a folded value too), or null. */
export function messageIdInText(text: string): string | null {
  const m = /^message-id:[ \t]*(?:\r?\n[ \t]+)?(\S[^\r\n]*)/im.exec(text);
  return m === null ? null : normaliseMessageId(m[1] ?? "");
}
