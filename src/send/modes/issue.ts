/**
 * `koepfe send ISSUE`: the real, resumable send. Takes the run lock, fixes the audience on the first
 * run, then runs the campaign over SMTP and reports. Running it again resumes; after completion it
 * sends nothing.
 */
import { KoepfeError, type ExitCode } from "../../lib/errors.js";
import { openLedger } from "../ledger/location.js";
import type { Ledger } from "../ledger/ledger.js";
import { describeAudience, selectAudience } from "../audience.js";
import { messageIdFor } from "../message.js";
import type { DkimSettings } from "../mailer/threads.js";
import { smtpMailer } from "../mailer/smtp.js";
import { runCampaign } from "../campaign.js";
import { newsletterSource } from "../source.js";
import { Progress } from "../progress.js";
import { campaignExitCode, summaryLines, type CampaignResult } from "../run-result.js";
import type { PausePolicy, RetryPolicy } from "../decide.js";
import type { PreparedIssue } from "../prepare.js";

export interface IssueSendOptions {
  dir: string;
  env: NodeJS.ProcessEnv;
  smtpUrl: string;
  dkim: DkimSettings | null;
  concurrency: number;
  rate: number | null;
  retry: RetryPolicy;
  pause: PausePolicy;
  resendUnknown: boolean;
  signal: AbortSignal;
  out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/** Resolves after `ms`, or at once when the signal aborts (Ctrl-C during a retry wait). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Fixes the audience on the first run; reports what was selected or that it was fixed earlier. */
function freezeAudience(p: PreparedIssue, ledger: Ledger, progress: Progress): void {
  const issue = p.settings.issue;
  const existing = ledger.progress(issue);
  if (existing) {
    progress.note(
      "audience",
      { issue, frozen_at: existing.audienceFrozenAt, size: existing.audienceSize },
      `issue ${issue}: audience of ${existing.audienceSize} fixed at ${existing.audienceFrozenAt} by the first run (later sign-ups do not join)`,
    );
    return;
  }
  const suppressed = ledger.suppressions.lowerCasedSet();
  const audience = selectAudience(p.edition.subscribers ?? [], (email) => suppressed.has(email.toLowerCase()));
  if (audience.recipients.length === 0) {
    throw new KoepfeError(
      "E_NO_RECIPIENTS",
      `no eligible recipients in ${p.edition.subscribersFile} (${audience.rows} rows; confirmed with confirmed_at and not suppressed: 0)`,
    );
  }
  const members = audience.recipients.map((r) => ({ ...r, messageId: messageIdFor(p.settings, p.sender.domain, r.email) }));
  ledger.freezeAudience(issue, members);
  progress.note(
    "audience",
    { issue, size: members.length, rows: audience.rows, ...audience.excluded },
    `issue ${issue}: audience fixed: ${describeAudience(audience)}`,
  );
}

/**
 * Sends one issue with the run lock already held (the scheduled mode holds it across several issues):
 * fixes the audience on the first run, runs the campaign over SMTP, prints the summary.
 */
export async function sendLockedIssue(
  p: PreparedIssue,
  ledger: Ledger,
  o: IssueSendOptions,
): Promise<{ result: CampaignResult; exit: ExitCode }> {
  const issue = p.settings.issue;
  const progress = new Progress(o.out, Date.now);
  freezeAudience(p, ledger, progress);
  const mailer = smtpMailer({ url: o.smtpUrl, connections: o.concurrency, dkim: o.dkim });
  try {
    const result = await runCampaign(
      {
        ledger,
        mailer,
        source: newsletterSource(p.compiled, p.settings, p.sender, p.personalize),
        events: progress,
        clock: Date.now,
        sleep: abortableSleep,
        signal: o.signal,
      },
      { issue, concurrency: o.concurrency, rate: o.rate, retry: o.retry, pause: o.pause, resendUnknown: o.resendUnknown },
    );
    const exit = campaignExitCode(result);
    progress.finish();
    progress.note("summary", { ...result, exit }, summaryLines(result).join("\n"));
    return { result, exit };
  } finally {
    await mailer.close();
  }
}

/** `koepfe send ISSUE`: opens the ledger, takes the run lock (or stops: E_LOCKED), sends, releases. */
export async function sendIssue(p: PreparedIssue, o: IssueSendOptions): Promise<ExitCode> {
  const ledger = openLedger(o.dir, o.env);
  try {
    const lock = ledger.lock.acquire(`send ${p.settings.issue}`);
    if (!lock.acquired) {
      const h = lock.holder;
      throw new KoepfeError(
        "E_LOCKED",
        `another send is running (pid ${h.pid} on ${h.host}, "${h.command}", since ${h.startedAt}); nothing was sent — wait for it to finish`,
      );
    }
    try {
      return (await sendLockedIssue(p, ledger, o)).exit;
    } finally {
      ledger.lock.release();
    }
  } finally {
    ledger.close();
  }
}
