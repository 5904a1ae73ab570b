/**
 * From the parts of a report message to the report: which kind it is, who failed, and why. Pure;
 * read-report.ts does the MIME work and hands over MailParts.
 */
import { printable } from "../lib/text-safety.js";
import { acceptAddress, addressesIn, isRoleAddress } from "./addresses.js";
import { isAutoReply } from "./auto-reply.js";
import { saysBounce, textSaysBounce } from "./bounce-signals.js";
import { parseDeliveryStatus } from "./delivery-status.js";
import { parseFeedbackReport } from "./feedback-report.js";
import { fieldValue, fieldValues, parseFields } from "./header-fields.js";
import type { MailParts } from "./mail-parts.js";
import { messageIdInText, normaliseMessageId, splitOriginal } from "./original-message.js";
import { classOf } from "./reason-class.js";
import { decideReason, preferSpecificStatus } from "./reason.js";
import { findStatus } from "./status-code.js";
import { readTextBounce, type TextFailure } from "./text-bounce.js";
import type { BounceReport, RecipientVerdict } from "./types.js";

export type Interpreted = Omit<BounceReport, "reportId" | "truncated">;

const MAX_DIAGNOSTIC = 1000;

function safeDiagnostic(text: string): string {
  return printable(text.replace(/\s*\r?\n\s*/g, " ").trim()).slice(0, MAX_DIAGNOSTIC);
}

function verdict(email: string, action: string | null, status: string | null, text: string, diagnostic: string): RecipientVerdict {
  const reason = decideReason({ action, status, text });
  return { email, class: classOf(reason, status), status, reason, diagnostic: safeDiagnostic(diagnostic), action };
}

/** The envelope recipient of the report: the first Delivered-To is the hop into our mailbox. */
function reportToOf(parts: MailParts): string | null {
  for (const name of ["delivered-to", "x-original-to", "to"]) {
    const value = fieldValue(parts.fields, name);
    const address = value === null ? null : (addressesIn(value)[0] ?? null);
    if (address !== null) return address;
  }
  return null;
}

function originalMessageIdOf(parts: MailParts, inlineOriginal: string): string | null {
  for (const head of parts.originalHeads) {
    const id = fieldValue(parseFields(head), "message-id");
    const normalised = id === null ? null : normaliseMessageId(id);
    if (normalised !== null) return normalised;
  }
  for (const name of ["original-message-id", "x-original-message-id"]) {
    const value = fieldValue(parts.fields, name);
    const normalised = value === null ? null : normaliseMessageId(value);
    if (normalised !== null) return normalised;
  }
  const inText = messageIdInText(inlineOriginal) ?? messageIdInText(parts.text);
  if (inText !== null) return inText;
  // auto-replies and some NDRs name the original only as the message they answer
  const answered = fieldValue(parts.fields, "in-reply-to") ?? fieldValue(parts.fields, "references")?.split(/\s+/).pop() ?? null;
  return answered === null ? null : normaliseMessageId(answered);
}

/** Our own addresses and the relay's role mailboxes: mentioned in reports, never the failed recipient. */
function ownAddresses(parts: MailParts): (address: string) => boolean {
  const own = new Set<string>();
  for (const name of ["to", "delivered-to", "x-original-to", "return-path", "from", "sender", "reply-to"]) {
    for (const value of fieldValues(parts.fields, name)) for (const a of addressesIn(value)) own.add(a.toLowerCase());
  }
  return (address) => own.has(address.toLowerCase()) || isRoleAddress(address);
}

function fromText(failures: readonly TextFailure[]): RecipientVerdict[] {
  return failures.map((f) => {
    const status = findStatus(f.text);
    return verdict(f.address, null, status, f.text, f.diagnostic);
  });
}

function dsnRecipients(parts: MailParts, textFailures: readonly TextFailure[]): RecipientVerdict[] {
  const out: RecipientVerdict[] = [];
  for (const part of parts.deliveryStatus) {
    for (const r of parseDeliveryStatus(part).recipients) {
      const email = acceptAddress(r.address);
      if (email === null || out.some((v) => v.email === email)) continue;
      const inText = textFailures.find((f) => f.address.toLowerCase() === email.toLowerCase());
      const diagnostic = r.diagnostic !== "" ? r.diagnostic : (inText?.diagnostic ?? "");
      const status = preferSpecificStatus(r.status, findStatus(r.diagnostic) ?? findStatus(inText?.text ?? ""));
      out.push(verdict(email, r.action, status, `${r.diagnostic} ${inText?.text ?? ""}`, diagnostic));
    }
  }
  return out;
}

function reportingMtaOf(parts: MailParts): string | null {
  for (const part of parts.deliveryStatus) {
    const mta = parseDeliveryStatus(part).reportingMta;
    if (mta !== null) return printable(mta);
  }
  return null;
}

function complaint(parts: MailParts, base: Interpreted): Interpreted {
  const report = parseFeedbackReport(parts.feedbackReports[0] ?? "");
  const named = report.originalRcptTo.map(acceptAddress).filter((a): a is string => a !== null);
  const fromOriginal = parts.originalHeads.flatMap((head) => addressesIn(fieldValues(parseFields(head), "to").join(", ")));
  // mailparser shows an inline (Content-Disposition: inline) original as text: its To line is there
  const fromInline = fromOriginal.length > 0 ? fromOriginal : addressesIn(/^To:[ \t]*(.+)$/im.exec(parts.text)?.[1] ?? "");
  const emails = [...new Set(named.length > 0 ? named : fromInline)];
  const feedbackType = report.feedbackType === null ? null : printable(report.feedbackType);
  const recipients = emails.map((email): RecipientVerdict => {
    return { email, class: classOf("feedback", null, feedbackType), status: null, reason: "feedback", diagnostic: "", action: null };
  });
  return {
    ...base,
    kind: "arf",
    recipients,
    feedbackType,
    reportingMta: report.reportingMta === null ? null : printable(report.reportingMta),
  };
}

function autoReply(parts: MailParts, base: Interpreted): Interpreted {
  const from = parts.fromAddress === null ? null : acceptAddress(parts.fromAddress);
  const diagnostic = safeDiagnostic(parts.subject);
  const recipients: RecipientVerdict[] =
    from === null ? [] : [{ email: from, class: classOf("vacation"), status: null, reason: "vacation", diagnostic, action: null }];
  return { ...base, kind: "auto-reply", recipients };
}

/** Classifies one parsed report message. */
export function interpret(parts: MailParts): Interpreted {
  const { notification, original } = splitOriginal(parts.text);
  const base: Interpreted = {
    kind: "unknown",
    recipients: [],
    originalMessageId: originalMessageIdOf(parts, original),
    reportTo: reportToOf(parts),
    feedbackType: null,
    reportingMta: null,
  };
  if (parts.feedbackReports.length > 0 || parts.reportType === "feedback-report") return complaint(parts, base);
  const textFailures = readTextBounce(notification, ownAddresses(parts));
  if (parts.deliveryStatus.length > 0) {
    const recipients = dsnRecipients(parts, textFailures);
    // a DSN part cut off before its recipients: the human-readable part still names them
    return {
      ...base,
      kind: "dsn",
      recipients: recipients.length > 0 ? recipients : fromText(textFailures),
      reportingMta: reportingMtaOf(parts),
    };
  }
  const envelope = { fields: parts.fields, fromAddress: parts.fromAddress, fromName: parts.fromName, subject: parts.subject };
  const bounce = parts.reportType === "delivery-status" || saysBounce(envelope);
  if (bounce || (!isAutoReply(parts.fields, parts.subject) && textSaysBounce(notification))) {
    const failed = fieldValues(parts.fields, "x-failed-recipients").flatMap(addressesIn);
    const failures =
      failed.length > 0
        ? failed.map((a) => textFailures.find((f) => f.address === a) ?? { address: a, text: notification, diagnostic: "" })
        : textFailures;
    return { ...base, kind: "dsn", recipients: fromText(failures) };
  }
  if (isAutoReply(parts.fields, parts.subject)) return autoReply(parts, base);
  return base;
}
