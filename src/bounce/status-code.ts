/**
 * Enhanced status codes (RFC 3463): finding one in a relay's text, and what a code alone says.
 * The code is the weaker witness: relays put 5.7.1 on "user unknown" and 5.5.0 on almost anything,
 * so reason.ts asks the text first and this table only when the text names no reason.
 */
import type { BounceReason } from "./types.js";

/** "5.1.1" but not the "4.3.2" inside the IP address "10.4.3.2" nor a version number "5.1.10.2". */
const ENHANCED = /(?<![\w.])([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)/;

/** The first enhanced status code in a text (Exchange writes "#5.1.1"), or null. */
export function findStatus(text: string): string | null {
  const match = ENHANCED.exec(text);
  return match === null ? null : `${match[1]}.${match[2]}.${match[3]}`;
}

/** The first SMTP reply code ("550", "452") at the start of a reply in the text, or null. */
export function findReplyCode(text: string): string | null {
  return /(?:^|[\s:;'"(])([245][0-5]\d)(?=[ -]|$)/.exec(text)?.[1] ?? null;
}

/**
 * Reasons by status code, from RFC 3463 and RFC 7505; the subjects X.0.0 ("other") and X.7.0 say
 * nothing and are left out on purpose. The first digit is kept because 4.x and 5.x differ (4.4.7 is
 * an expiry, 5.2.2 a full mailbox although permanent).
 */
const BY_CODE: Readonly<Record<string, BounceReason>> = {
  "2.0.0": "delivered",
  "2.1.5": "delivered",
  "4.1.6": "hasmoved",
  "4.2.1": "suspend",
  "4.2.2": "mailboxfull",
  "4.2.3": "exceedlimit",
  "4.3.1": "systemfull",
  "4.3.2": "notaccept",
  "4.3.5": "systemerror",
  "4.4.1": "expired",
  "4.4.2": "networkerror",
  "4.4.3": "systemerror",
  "4.4.4": "networkerror",
  "4.4.5": "systemfull",
  "4.4.6": "networkerror",
  "4.4.7": "expired",
  "4.7.1": "blocked",
  "4.7.25": "blocked",
  "5.1.0": "userunknown",
  "5.1.1": "userunknown",
  "5.1.2": "hostunknown",
  "5.1.3": "userunknown",
  "5.1.6": "hasmoved",
  "5.1.7": "rejected",
  "5.1.8": "rejected",
  "5.1.10": "notaccept",
  "5.2.1": "suspend",
  "5.2.2": "mailboxfull",
  "5.2.3": "exceedlimit",
  "5.3.1": "systemfull",
  "5.3.2": "notaccept",
  "5.3.4": "mesgtoobig",
  "5.4.4": "hostunknown",
  "5.4.6": "networkerror",
  "5.4.7": "expired",
  "5.5.3": "toomanyconn",
  "5.6.0": "contenterror",
  "5.6.1": "contenterror",
  "5.7.1": "securityerror",
  "5.7.13": "suspend",
  "5.7.17": "hasmoved",
  "5.7.18": "hasmoved",
  "5.7.23": "securityerror",
  "5.7.25": "blocked",
  "5.7.26": "securityerror",
  "5.7.27": "notaccept",
};

/** What the code alone says, or null for a code without a specific meaning. */
export function reasonOfStatus(status: string): BounceReason | null {
  return BY_CODE[status] ?? null;
}
