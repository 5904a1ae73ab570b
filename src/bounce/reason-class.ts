/**
 * The one table from reason to class. The question behind it: whose problem is it? An address that
 * is gone is "hard" (suppress it); a mailbox that exists but cannot take mail now is "soft" (try the
 * next issue); a refusal of the SENDER (reputation, content, size, authentication) is "policy": the
 * address is fine, suppressing it would punish the subscriber for our problem.
 */
import type { BounceClass, BounceReason } from "./types.js";

const CLASS_OF: Readonly<Record<BounceReason, BounceClass>> = {
  // the address does not exist (any more): nothing will ever reach it
  userunknown: "hard",
  hostunknown: "hard",
  // moved without forwarding: the old address is dead
  hasmoved: "hard",
  // null MX (RFC 7505): the domain says it takes no mail at all; a 4xx form is soft, see below
  notaccept: "hard",
  // the mailbox exists but cannot take this mail now: full, disabled for a while, or our queue gave up
  mailboxfull: "soft",
  expired: "soft",
  suspend: "soft",
  // the receiving system's trouble, not the address's and not ours
  systemfull: "soft",
  systemerror: "soft",
  networkerror: "soft",
  toomanyconn: "soft",
  mailererror: "soft",
  // their MX does not consider itself responsible: a misconfiguration that can be fixed, not proof the address is gone
  norelaying: "soft",
  // nothing specific said: do not suppress on a guess
  onhold: "soft",
  undefined: "soft",
  // the SENDER was refused: our IP, domain, content or size; the address is probably fine
  blocked: "policy",
  filtered: "policy",
  policyviolation: "policy",
  spamdetected: "policy",
  virusdetected: "policy",
  rejected: "policy",
  securityerror: "policy",
  mesgtoobig: "policy",
  exceedlimit: "policy",
  contenterror: "policy",
  syntaxerror: "policy",
  // the recipient told their provider the mail is spam (ARF abuse, fraud …)
  feedback: "complaint",
  // not a failure: an out-of-office reply, a delivered or relayed notice
  vacation: "none",
  delivered: "none",
};

/** ARF types that are no complaint about the mail: "not-spam" is the opposite, "auth-failure" a DMARC/DKIM report. */
const NOT_A_COMPLAINT = new Set(["not-spam", "auth-failure"]);

/**
 * The class of a reason. `status` matters for notaccept only (a 4xx null-MX answer is temporary);
 * `feedbackType` for ARF reports only.
 */
export function classOf(reason: BounceReason, status: string | null = null, feedbackType: string | null = null): BounceClass {
  if (reason === "notaccept" && status?.startsWith("4.")) return "soft";
  if (reason === "feedback" && feedbackType !== null && NOT_A_COMPLAINT.has(feedbackType)) return "none";
  return CLASS_OF[reason];
}
