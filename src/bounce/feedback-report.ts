/**
 * RFC 5965 ARF: message/feedback-report parts. The complained-about recipient is Original-Rcpt-To
 * when the provider gives it; many redact it, so the reader falls back to the returned message.
 */
import { fieldValue, fieldValues, parseFields } from "./header-fields.js";

export interface FeedbackReport {
  feedbackType: string | null;
  reportingMta: string | null;
  originalRcptTo: string[];
}

/** Reads the fields of a feedback-report part. */
export function parseFeedbackReport(text: string): FeedbackReport {
  const fields = parseFields(text);
  const reportingMta = fieldValue(fields, "reporting-mta");
  return {
    feedbackType: fieldValue(fields, "feedback-type")?.toLowerCase() ?? null,
    reportingMta: reportingMta === null ? null : reportingMta.replace(/^[A-Za-z][\w-]*;\s*/, ""),
    originalRcptTo: fieldValues(fields, "original-rcpt-to").map((v) => v.replace(/^<(.*)>$/, "$1").trim()),
  };
}
