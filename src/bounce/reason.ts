/**
 * Deciding the reason of one recipient's failure from everything a report says about it: the DSN
 * Action, the enhanced status code and the relay's text. Texts often contradict codes ("550 5.7.1
 * user unknown", "552 5.2.2 mailbox full"), so a specific text wins over the code, the code wins
 * over a vague text, and the Action decides what neither names.
 */
import { matchReason, STRONG_PATTERNS, WEAK_PATTERNS } from "./reason-patterns.js";
import { reasonOfStatus } from "./status-code.js";
import type { BounceReason } from "./types.js";

/** Long enough for any real SMTP reply; a hostile megabyte of text is not scanned beyond it. */
const SCAN_CHARACTERS = 4000;

export interface FailureFacts {
  /** DSN Action, lower-cased, or null when the report has none. */
  action: string | null;
  status: string | null;
  /** Every text the report gives for this recipient (Diagnostic-Code, the body's lines). */
  text: string;
}

/** The Sisimai-style reason word for one recipient. */
export function decideReason(facts: FailureFacts): BounceReason {
  const action = facts.action ?? "";
  if (action === "delivered" || action === "relayed" || action === "expanded") return "delivered";
  if (facts.status?.startsWith("2.")) return "delivered";
  const text = facts.text.slice(0, SCAN_CHARACTERS);
  const fromText = matchReason(STRONG_PATTERNS, text);
  if (fromText !== null) return fromText;
  const fromCode = facts.status === null ? null : reasonOfStatus(facts.status);
  if (fromCode !== null) return fromCode;
  // a temporary status on a final failure: the queue gave up retrying
  if (action === "delayed" || (action === "failed" && facts.status?.startsWith("4."))) return "expired";
  return matchReason(WEAK_PATTERNS, text) ?? "undefined";
}

/**
 * The status to report: the Status field, unless it is the vague X.0.0 and the text carries a more
 * specific code of the same class ("Status: 5.0.0" with "550 5.1.1 user unknown").
 */
export function preferSpecificStatus(fieldStatus: string | null, textStatus: string | null): string | null {
  if (fieldStatus === null) return textStatus;
  if (textStatus !== null && /^\d\.0\.0$/.test(fieldStatus) && textStatus[0] === fieldStatus[0]) return textStatus;
  return fieldStatus;
}
