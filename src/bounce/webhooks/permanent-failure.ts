/**
 * What a permanent delivery failure means for the address, read from the enhanced status and the
 * receiver's text (Mailgun "failed/permanent", SES "Permanent/General"). Modelled on Sisimai's
 * reasons: only an unknown user or host is a hard bounce; a spam or policy refusal is about the
 * message, and suppressing a valid reader because a filter disliked one issue would be wrong.
 */
import type { BounceClass } from "./model.js";

// strong phrases only: "mailbox unavailable" or "address rejected" also come with policy refusals
// ("Sender address rejected"), and those must not suppress a reader
const UNKNOWN_USER =
  /user unknown|unknown user|no such (?:user|mailbox|recipient)|does not exist|doesn't exist|mailbox not found|invalid (?:recipient|mailbox)|recipient address rejected|recipientnotfound|unrouteable address/i;
const MAILBOX_FULL =
  /mailbox (?:is )?full|over quota|quota exceeded|exceeds? (?:its |the )?(?:storage|quota)|insufficient (?:storage|system storage)/i;
const POLICY =
  /spam|blocked|block ?list|black ?list|deny ?list|reputation|policy|dmarc|\bspf\b|dkim|content rejected|virus|malware|phish|not authori[sz]ed|too large|size limit|message size/i;

/**
 * The class of a failure the provider already called permanent. Order matters: an unknown user wins
 * over a 5.7.x code (some MTAs answer 5.7.1 for unknown users), a full mailbox stays soft, a 5.7.x
 * status or spam/policy text is `policy`, and any other permanent failure is `hard` because the
 * provider itself will not retry it.
 */
export function classifyPermanentFailure(status: string | null, text: string): BounceClass {
  // X.1.7 and X.1.8 are about OUR sender address (RFC 3463): a problem of the message, not the reader
  if (status === "5.1.7" || status === "5.1.8") return "policy";
  if (status?.startsWith("5.1.") || UNKNOWN_USER.test(text)) return "hard";
  if (status === "5.2.2" || status === "4.2.2" || MAILBOX_FULL.test(text)) return "soft";
  if (status?.startsWith("5.7.") || status === "5.3.4" || POLICY.test(text)) return "policy";
  return "hard";
}
