/**
 * Postmark's documented bounce types (Bounce API "bounce types", with their TypeCode) and what each
 * means for the address. Postmark has already read the DSN; we only decide what to do with its verdict.
 */
import type { BounceClass } from "./model.js";

const POSTMARK_BOUNCE_CLASSES: Readonly<Record<string, BounceClass>> = {
  // 1: unknown user, mailbox not found
  HardBounce: "hard",
  // 2: delivery delayed (network trouble); Postmark keeps trying
  Transient: "soft",
  // 16: the recipient replied "unsubscribe"/"remove": honoured like a complaint, the reader wants no more mail
  Unsubscribe: "complaint",
  // 32: a subscribe request, not a failure
  Subscribe: "none",
  // 64: out-of-office and similar auto-replies: the message arrived
  AutoResponder: "none",
  // 128: the recipient announced a new address; the old one still accepted this message
  AddressChange: "none",
  // 256: a temporary DNS error
  DnsError: "soft",
  // 512: delivered, but blocked by the user or filed as spam/bulk, or content rejected: about the message
  SpamNotification: "policy",
  // 1024: an open-relay probe, nothing to do with our message
  OpenRelayTest: "none",
  // 2048: Postmark could not classify the DSN: counted, never enough to suppress
  Unknown: "soft",
  // 4096: mailbox full, account disabled, over quota, out of disk space
  SoftBounce: "soft",
  // 8192: the receiver reports a virus in the message
  VirusNotification: "policy",
  // 16384: a challenge-response filter wants the sender verified; the mailbox exists, nobody will answer it
  ChallengeVerification: "none",
  // 100000: not a valid address
  BadEmailAddress: "hard",
  // 100001: the reader marked the message as spam
  SpamComplaint: "complaint",
  // 100002: deactivated in Postmark by hand; Postmark refuses every later message to it (like SES's suppression list)
  ManuallyDeactivated: "hard",
  // 100003: a Postmark registration/import state, says nothing about the mailbox
  Unconfirmed: "none",
  // 100006: the receiving ISP blocked the message for its content or a blocklist
  Blocked: "policy",
  // 100007: Postmark's SMTP API refused our request: our side, not the recipient's
  SMTPApiError: "none",
  // 100008: inbound processing failed; not about mail we sent
  InboundError: "none",
  // 100009: rejected by the From domain's DMARC policy: fix our DNS, not the list
  DMARCPolicy: "policy",
  // 100010: a Postmark template failed to render; nothing was sent
  TemplateRenderingFailed: "none",
};

/** The class of a Postmark bounce Type; an undocumented type is `soft` (recorded, never suppresses at once). */
export function postmarkBounceClass(type: string | null): BounceClass {
  return type !== null && Object.hasOwn(POSTMARK_BOUNCE_CLASSES, type) ? (POSTMARK_BOUNCE_CLASSES[type] ?? "soft") : "soft";
}
