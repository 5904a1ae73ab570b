/**
 * `koepfe send ISSUE`: the real, resumable send. Starts from the last build's compiled issue when
 * nothing changed since (else loads and checks the edition once and compiles the issue), takes the
 * run lock, fixes the audience on the first run, then runs the send loop over SMTP and reports.
 * Running it again resumes; after completion it sends nothing.
 */
import { KoepfeError, type ExitCode } from "../lib/errors.js";
import { requireSecret } from "../lib/token.js";
import { abortableSleep } from "../lib/sleep.js";
import { openLedger } from "../send/ledger/location.js";
import type { Ledger } from "../send/ledger/ledger.js";
import { describeAudience } from "../send/audience.js";
import { audienceOf } from "./audience.js";
import { messageIdFor } from "../send/mailer/message.js";
import { dkimSettings } from "../send/mailer/dkim.js";
import type { DkimSettings } from "../send/mailer/protocol.js";
import { relayFromEnv, type Relay } from "../send/mailer/smtp.js";
import { runSendLoop } from "../send/send-loop.js";
import { newsletterSource } from "../send/source.js";
import { Progress } from "../send/progress.js";
import { runExitCode, summaryLines, type SendRunResult } from "../send/run-result.js";
import { loadValidEdition } from "./checked-edition.js";
import { describeOrigin, prepareIssue, type PreparedIssue } from "./prepare-issue.js";
import { quickPrepareIssue } from "./quick-issue.js";
import { requireApproval } from "./approval.js";
import { assertRatesAllow } from "./rate-gate.js";
import { assertSameEdition } from "./publication.js";
import { serializeIssue } from "./issue-store.js";
import { realMailers, type AppIo, type Mailers } from "./ports.js";
import { sendSettings, type SendFlags, type SendSettings } from "./send-settings.js";

export interface IssueRequest extends SendFlags {
  dir: string;
  issue: number;
  subscribersFile: string | undefined;
  resendUnknown: boolean;
  despiteRates?: boolean;
}

/** The edition loaded and checked once, the issue compiled, the DKIM key read: ready for any send mode. */
export async function prepareToSend(
  request: Pick<IssueRequest, "dir" | "issue" | "subscribersFile">,
  io: AppIo,
): Promise<{ prepared: PreparedIssue; dkim: DkimSettings | null }> {
  const secret = requireSecret(io.env);
  // unchanged since the last build: start from what it checked and compiled (app/quick-issue.ts)
  const prepared =
    (await quickPrepareIssue(request, { secret, env: io.env })) ??
    (await prepareIssue(
      await loadValidEdition(request.dir, { subscribersFile: request.subscribersFile, signal: io.signal, env: io.env }),
      request.issue,
      { secret, env: io.env },
    ));
  const warnings = prepared.warnings.filter((w) => w.severity === "warning").length;
  if (warnings > 0)
    io.err.write(`koepfe: ${warnings} warning${warnings === 1 ? "" : "s"} in the edition ("koepfe check ${request.dir}" lists them)\n`);
  const { dkim, warning } = dkimSettings(io.env, prepared.newsletter.dkim);
  if (warning) io.err.write(`koepfe: warning: ${warning}\n`);
  return { prepared, dkim };
}

/**
 * The first send of an issue publishes it: the ledger records the edition it belongs to, the places
 * the issue reveals and the issue itself, so later changes cannot move them (rank/pinned.ts) and a
 * resumed send sends exactly this.
 */
function publish(p: PreparedIssue, ledger: Ledger, progress: Progress): void {
  if (p.origin.kind === "ledger") return;
  ledger.publication.claimIdentity({ listId: p.newsletter.list_id, year: p.edition.config.year, title: p.edition.config.title });
  const issue = p.settings.issue;
  const recorded = ledger.publication.publish(issue, {
    sendAt: p.compiled.sendAt === "" ? null : p.compiled.sendAt,
    contentHash: p.compiled.contentHash,
    compiled: serializeIssue(p.compiled),
    places: p.places,
  });
  if (recorded) {
    const ranks = p.places.flatMap((x) => (x.rank === null ? [] : [x.rank]));
    const where = ranks.length > 0 ? `places ${Math.max(...ranks)} to ${Math.min(...ranks)}` : `${p.places.length} entries`;
    progress.note(
      "published",
      { issue, places: p.places.map((x) => x.id) },
      `issue ${issue}: published ${where}; from now on they stay put`,
    );
  }
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
  const audience = audienceOf(p, ledger);
  if (audience.recipients.length === 0) {
    throw new KoepfeError(
      "E_NO_RECIPIENTS",
      `no eligible recipients in ${p.edition.subscribersFile} (${audience.rows} rows) or among the sign-ups (confirmed with proof and not suppressed: 0)`,
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

export interface LockedSend {
  ledger: Ledger;
  relay: Relay;
  dkim: DkimSettings | null;
  settings: SendSettings;
  resendUnknown: boolean;
  /** `send ISSUE --despite-rates`: start although the last issue's complaint or hard-bounce rate is over its limit. */
  despiteRates?: boolean;
  mailers?: Mailers;
}

/**
 * Sends one issue with the run lock already held (`send --due` holds it across several issues):
 * fixes the audience on the first run, runs the send loop over SMTP, prints the summary.
 */
export async function sendLockedIssue(p: PreparedIssue, o: LockedSend, io: AppIo): Promise<{ result: SendRunResult; exit: ExitCode }> {
  const issue = p.settings.issue;
  const progress = new Progress(io.out, io.clock);
  assertSameEdition(o.ledger, p.edition);
  requireApproval(p, o.ledger);
  assertRatesAllow(o.ledger, issue, p.newsletter, o.despiteRates === true);
  progress.note("issue", { issue, origin: p.origin.kind, content_hash: p.compiled.contentHash }, describeOrigin(issue, p.origin));
  publish(p, o.ledger, progress);
  freezeAudience(p, o.ledger, progress);
  const mailer = (o.mailers ?? realMailers).smtp({ relay: o.relay, connections: o.settings.concurrency, dkim: o.dkim });
  try {
    const result = await runSendLoop(
      {
        ledger: o.ledger,
        mailer,
        source: newsletterSource(p.compiled, p.settings, p.sender, p.personalize, p.bounce),
        events: progress,
        clock: io.clock,
        sleep: abortableSleep,
        signal: io.signal,
      },
      { issue, ...o.settings, resendUnknown: o.resendUnknown },
    );
    const exit = runExitCode(result);
    progress.finish();
    progress.note("summary", { ...result, exit }, summaryLines(result).join("\n"));
    return { result, exit };
  } finally {
    await mailer.close();
  }
}

/** `koepfe send ISSUE`: prepares, opens the ledger, takes the run lock (or stops: E_LOCKED), sends, releases. */
export async function sendIssue(request: IssueRequest, io: AppIo): Promise<ExitCode> {
  const relay = relayFromEnv(io.env);
  const { prepared, dkim } = await prepareToSend(request, io);
  const ledger = openLedger(request.dir, io.env);
  try {
    const lock = ledger.lock.acquire(`send ${request.issue}`);
    if (!lock.acquired) {
      const h = lock.holder;
      throw new KoepfeError(
        "E_LOCKED",
        `another send is running (pid ${h.pid} on ${h.host}, "${h.command}", since ${h.startedAt}); nothing was sent — wait for it to finish`,
      );
    }
    try {
      const settings = sendSettings(request, prepared.newsletter);
      return (
        await sendLockedIssue(
          prepared,
          { ledger, relay, dkim, settings, resendUnknown: request.resendUnknown, despiteRates: request.despiteRates === true },
          io,
        )
      ).exit;
    } finally {
      ledger.lock.release();
    }
  } finally {
    ledger.close();
  }
}
