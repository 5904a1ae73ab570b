/**
 * Is this a mail at all? mailparser reads anything (random bytes become a body without a head), so
 * the reader first checks for an RFC 5322 head: field lines from the first line on, and at least one
 * field every mail has.
 */

const FIELD_OR_CONTINUATION = /^(?:[\x21-\x39\x3b-\x7e]+[ \t]*:|[ \t])/;
/** An mbox separator line before the head ("From MAILER-DAEMON Tue Dec  1 …"). */
const MBOX_FROM = /^From \S+/;
const KNOWN_FIELDS = new Set([
  "from",
  "to",
  "subject",
  "date",
  "message-id",
  "received",
  "return-path",
  "content-type",
  "mime-version",
  "delivered-to",
  "x-original-to",
  "auto-submitted",
  "sender",
  "reply-to",
  "x-failed-recipients",
]);
const SNIFF_BYTES = 64 * 1024;

/** True when `raw` starts with a mail head (optionally after an mbox "From " line). */
export function looksLikeMail(raw: Buffer): boolean {
  const lines = raw.subarray(0, SNIFF_BYTES).toString("latin1").split(/\r?\n/);
  if (lines[0] !== undefined && MBOX_FROM.test(lines[0])) lines.shift();
  let known = 0;
  for (const [i, line] of lines.entries()) {
    if (line === "") break;
    // the first line cannot be a continuation, and a head does not contain NUL bytes
    if (!FIELD_OR_CONTINUATION.test(line) || line.includes("\u0000") || (i === 0 && /^[ \t]/.test(line))) return known >= 2;
    const name = /^([^:\s]+)\s*:/.exec(line)?.[1]?.toLowerCase();
    if (name !== undefined && KNOWN_FIELDS.has(name)) known++;
  }
  return known >= 1;
}
