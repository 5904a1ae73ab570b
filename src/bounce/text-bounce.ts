/**
 * Bounces without a machine-readable part: qmail, Exim without DSN, old Sendmail, Exchange and
 * webmail NDR texts, German relays. There is no common format, but there is a common shape: the
 * failed address on a line of its own or in a sentence, followed by the remote server's reply.
 * So the notification is cut into one segment per mentioned address, and the reply lines of a
 * segment are that recipient's diagnostic.
 */
import { ADDRESS_IN_TEXT, acceptAddress } from "./addresses.js";

export interface TextFailure {
  address: string;
  /** Every line of the recipient's segments: what the reason is decided from. */
  text: string;
  /** The SMTP reply lines of the segments (else its first lines): what is reported as the diagnostic. */
  diagnostic: string;
}

/** A line that carries an SMTP reply: a reply code or an enhanced status code. */
const REPLY_LINE = /(?:^|[\s#(:'"[])[245]\d\d(?:[\s-]|$)|(?<![\w.])[245]\.\d{1,3}\.\d{1,3}(?!\.?\d)/;
/** A text bounce is read from its first lines only: real notifications are short. */
const MAX_LINES = 600;
const MAX_SEGMENT_LINES = 40;
/** The start of an inline original that no marker announced: a mail head after a blank line. */
const INLINE_HEAD = /^(?:return-path|received|from|message-id|date|subject|to|mime-version|dkim-signature):/i;

function addressesOnLine(line: string, ignore: (address: string) => boolean): string[] {
  const found: string[] = [];
  for (const m of line.matchAll(ADDRESS_IN_TEXT)) {
    const before = line.slice(Math.max(0, (m.index ?? 0) - 7), m.index ?? 0).toLowerCase();
    // an address inside a link or a mailto: is a help address, not a recipient
    if (before.endsWith("mailto:") || before.endsWith("/") || before.endsWith("=")) continue;
    const address = acceptAddress(m[0]);
    if (address !== null && !ignore(address) && !found.includes(address)) found.push(address);
  }
  return found;
}

function squash(lines: readonly string[]): string {
  return lines
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(" ")
    .replace(/\s+/g, " ");
}

/** The segment without lines that only repeat the address ("<a@b>:"): what is left explains the failure. */
function withoutAddressLines(segment: readonly string[]): string[] {
  return segment.filter((l) => l.replace(ADDRESS_IN_TEXT, "").replace(/[\s<>"':.,()]/g, "") !== "");
}

/**
 * The failed recipients a notification text names, each with its lines. `ignore` excludes the
 * report's own addresses (our bounce address, the relay's postmaster).
 */
export function readTextBounce(notification: string, ignore: (address: string) => boolean): TextFailure[] {
  const lines = notification.split(/\r?\n/).slice(0, MAX_LINES);
  const segments = new Map<string, string[]>();
  let current: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (i > 0 && lines[i - 1]?.trim() === "" && INLINE_HEAD.test(line)) break;
    const mentioned = addressesOnLine(line, ignore);
    if (mentioned.length > 0) current = mentioned;
    for (const address of current) {
      const segment = segments.get(address) ?? [];
      if (segment.length < MAX_SEGMENT_LINES) segment.push(line);
      segments.set(address, segment);
    }
  }
  const allReplies = lines.filter((l) => REPLY_LINE.test(l));
  return [...segments].map(([address, segment]) => {
    let replies = segment.filter((l) => REPLY_LINE.test(l));
    // one recipient, its reply written elsewhere (Exchange's "Diagnostic information" block)
    if (replies.length === 0 && segments.size === 1) replies = allReplies;
    const text = squash([...segment, ...replies]);
    return { address, text, diagnostic: replies.length > 0 ? squash(replies) : squash(withoutAddressLines(segment).slice(0, 4)) };
  });
}
