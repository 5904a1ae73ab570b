/**
 * The pieces of a report message the classifier needs, as mailparser hands them over: the head,
 * the human-readable text, the report parts and the heads of any returned original.
 */
import type { HeaderField } from "./header-fields.js";

export interface MailParts {
  /** The top-level head, in order (Delivered-To appears once per hop; the first is ours). */
  fields: HeaderField[];
  fromAddress: string | null;
  fromName: string;
  subject: string;
  /** The report's own Message-ID, or null. */
  messageId: string | null;
  /** multipart/report's report-type parameter, lower-cased, or null. */
  reportType: string | null;
  /** The human-readable text (text/plain parts, or text made from HTML). */
  text: string;
  /** The bodies of message/delivery-status and message/global-delivery-status parts. */
  deliveryStatus: string[];
  /** The bodies of message/feedback-report parts. */
  feedbackReports: string[];
  /** Heads of message/rfc822, message/global, text/rfc822-headers and message/global-headers parts. */
  originalHeads: string[];
}
