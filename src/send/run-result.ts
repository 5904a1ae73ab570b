/** What a send run reports: per-run tallies, the issue's totals, why it stopped, the exit code. */
import { EXIT, type ExitCode } from "../lib/errors.js";
import type { IssueProgress } from "./ledger/ledger.js";
import type { RelayFailureCode } from "./mailer/mailer.js";

export type StopReason =
  | { kind: "relay"; code: RelayFailureCode; response: string }
  | { kind: "paused"; failures: number; window: number }
  /** The ledger could not be written (disk full, I/O error): claims and answers must be on disk. */
  | { kind: "ledger"; response: string }
  | { kind: "interrupted" };

export interface RunTally {
  sent: number;
  failed: number;
  bounced: number;
  unknown: number;
  suppressed: number;
  /** 4xx answers that were put back for a retry. */
  deferred: number;
}

export interface SendRunResult {
  issue: number;
  /** What this run did. */
  run: RunTally;
  /** Deliveries found in flight from a crashed run (now `unknown`), of any issue. */
  unknownAfterCrash: { issue: number; email: string }[];
  /** Unknown deliveries put back in the queue by --resend-unknown. */
  requeued: number;
  /** Deliveries finished by earlier runs, not touched now. */
  skipped: number;
  /** The issue's ledger counts after the run. */
  totals: IssueProgress;
  stop: StopReason | null;
}

export function emptyTally(): RunTally {
  return { sent: 0, failed: 0, bounced: 0, unknown: 0, suppressed: 0, deferred: 0 };
}

/** 4 stopped (relay, auth, pause, Ctrl-C); 3 failures or unknowns to review; else 0. Bounces are handled (suppressed), not a review item. */
export function runExitCode(r: SendRunResult): ExitCode {
  if (r.stop !== null) return EXIT.stopped;
  return r.totals.counts.failed + r.totals.counts.unknown > 0 ? EXIT.reviewNeeded : EXIT.ok;
}

/** One human line per fact, for the end of a run (also on Ctrl-C). */
export function summaryLines(r: SendRunResult): string[] {
  const t = r.totals.counts;
  const lines = [
    `issue ${r.issue}: sent ${r.run.sent}, failed ${r.run.failed}, bounced ${r.run.bounced}, unknown ${t.unknown}, suppressed ${r.run.suppressed}, skipped ${r.skipped} (already done)`,
    `ledger: ${t.sent} sent, ${t.failed} failed, ${t.bounced} bounced, ${t.unknown} unknown, ${t.suppressed} suppressed, ${t.queued} queued of ${r.totals.audienceSize}${r.totals.complete ? " — complete" : ""}`,
  ];
  if (r.unknownAfterCrash.length > 0) {
    const listed = r.unknownAfterCrash.slice(0, 10).map((u) => (u.issue === r.issue ? u.email : `${u.email} (issue ${u.issue})`));
    lines.push(
      `${r.unknownAfterCrash.length} deliveries were in flight when an earlier run stopped; they may have arrived and were not resent: ${listed.join(", ")}${r.unknownAfterCrash.length > 10 ? ", …" : ""}`,
    );
  }
  if (t.unknown > 0)
    lines.push(
      `review the unknown deliveries; "koepfe send ${r.issue} --resend-unknown" sends them again (a recipient may get the issue twice)`,
    );
  const s = r.stop;
  if (s?.kind === "relay")
    lines.push(`stopped: ${relayMessage(s.code)}: ${s.response}; the rest stays queued — fix it and run the same command again`);
  if (s?.kind === "paused")
    lines.push(
      `paused: ${s.failures} of the last ${s.window} attempts failed; check the relay's answers above, then run the same command again to resume`,
    );
  if (s?.kind === "ledger")
    lines.push(
      `stopped: the ledger ${s.response.includes("full") ? "disk is full" : "cannot be written"} (${s.response}); nothing unclaimed went out — free space and run the same command again`,
    );
  if (s?.kind === "interrupted")
    lines.push("interrupted: in-flight messages finished, the rest stays queued; run the same command again to resume");
  return lines;
}

function relayMessage(code: RelayFailureCode): string {
  switch (code) {
    case "E_SMTP_AUTH":
      return "the relay refused the login (check the user and password in KOEPFE_SMTP_URL)";
    case "E_SMTP_UNREACHABLE":
      return "the relay cannot be reached (check host and port in KOEPFE_SMTP_URL)";
    case "E_SMTP_TLS":
      return "TLS with the relay failed or is not offered (credentials are only sent over TLS; check smtps:// or smtp:// in KOEPFE_SMTP_URL and the relay's STARTTLS)";
    case "E_SMTP_SENDER_REFUSED":
      return "the relay refuses newsletter.from as sender";
  }
}
