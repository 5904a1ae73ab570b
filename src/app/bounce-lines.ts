/**
 * What `koepfe bounces` says about one message: the JSON object of `--json` (source, kind, the
 * recipients with class, status and the relay's words, the delivery it belongs to) and the sentence
 * of the log. Every text from the report is made printable before it reaches a terminal.
 */
import { printable } from "../lib/text-safety.js";
import type { BounceReport } from "../bounce/types.js";
import type { BounceReportInput } from "../send/ledger/bounces.js";

export interface ReportLine {
  source: string;
  kind: string;
  report_id: string;
  /** `action`: what the record did (not in a dry run). */
  recipients: { email: string; class: string; status: string | null; diagnostic: string; action?: string }[];
  delivery: { issue: number; email: string; matched_by: string } | null;
  /** Recorded by an earlier run: nothing was done again. */
  duplicate?: true;
  /** The message could not be read as a report. */
  error?: { code: string; message: string };
  /** Only the head of a long message was read. */
  truncated?: true;
  feedback_type?: string;
}

export function reportLine(
  source: string,
  input: BounceReportInput,
  report: BounceReport | null,
  error: { code: string; message: string } | null,
  truncated = false,
): ReportLine {
  return {
    source,
    kind: input.kind,
    report_id: input.reportId,
    recipients: input.events.map((e) => ({ email: e.email, class: e.class, status: e.status, diagnostic: e.diagnostic })),
    delivery: null,
    ...(error === null ? {} : { error }),
    ...(truncated ? { truncated: true as const } : {}),
    ...(report?.feedbackType ? { feedback_type: report.feedbackType } : {}),
  };
}

/** "imap:INBOX/17: dsn — anna@example.org hard 5.1.1 (issue 2, by verp) → suppressed". */
export function describeReport(line: ReportLine): string {
  const head = `${printable(line.source)}: ${line.kind}`;
  if (line.error) return `${head} — not read: ${line.error.message}`;
  if (line.duplicate) return `${head} — recorded before, nothing done again`;
  if (line.recipients.length === 0) return `${head} — names no recipient`;
  const where = line.delivery === null ? "no delivery matched" : `issue ${line.delivery.issue}, by ${line.delivery.matched_by}`;
  const who = line.recipients.map(
    (r) => `${printable(r.email)} ${r.class}${r.status ? ` ${r.status}` : ""}${r.action ? ` → ${r.action}` : ""}`,
  );
  return `${head} — ${who.join("; ")} (${where})`;
}
