/**
 * What the bounce reader returns. A report is one message from the bounce mailbox: a delivery status
 * notification (standard or a relay's own text), a complaint (ARF) or an auto-reply. Each named
 * recipient gets a verdict: what happened to the address, and whether it is the address's fault.
 */

import type { BounceClass } from "../types/bounce.js";

export type { BounceClass };
export type ReportKind = "dsn" | "arf" | "auto-reply" | "unknown";

/** Sisimai's reason words, so the two can be compared one to one. */
export type BounceReason =
  | "userunknown"
  | "hostunknown"
  | "hasmoved"
  | "notaccept"
  | "mailboxfull"
  | "exceedlimit"
  | "expired"
  | "suspend"
  | "systemfull"
  | "systemerror"
  | "networkerror"
  | "toomanyconn"
  | "mailererror"
  | "norelaying"
  | "onhold"
  | "undefined"
  | "blocked"
  | "filtered"
  | "policyviolation"
  | "spamdetected"
  | "virusdetected"
  | "rejected"
  | "securityerror"
  | "mesgtoobig"
  | "contenterror"
  | "syntaxerror"
  | "feedback"
  | "vacation"
  | "delivered";

export interface RecipientVerdict {
  /** Canonical address of the failed recipient (lib/token canonicalEmail). */
  email: string;
  class: BounceClass;
  /** Enhanced status code such as "5.1.1", or null when the report gives none. */
  status: string | null;
  reason: BounceReason;
  /** The relay's own words (Diagnostic-Code or the body lines), made printable, at most 1,000 characters. */
  diagnostic: string;
  /** DSN Action (failed, delayed, delivered, relayed, expanded), or null outside RFC 3464 reports. */
  action: string | null;
}

export interface BounceReport {
  kind: ReportKind;
  recipients: RecipientVerdict[];
  /** Message-ID of the message that bounced, in <angle brackets>. */
  originalMessageId: string | null;
  /** The envelope recipient of the report itself (Delivered-To, X-Original-To, To): where VERP tags are. */
  reportTo: string | null;
  /** ARF Feedback-Type (abuse, fraud, …). */
  feedbackType: string | null;
  reportingMta: string | null;
  /** Stable id for idempotency: the report's own Message-ID, else "sha256:<hex>" of the raw bytes. */
  reportId: string;
  /** True when the input was longer than maxBytes and only its head was read. */
  truncated: boolean;
}

export type ReadResult = { ok: true; report: BounceReport } | { ok: false; code: string; message: string };
