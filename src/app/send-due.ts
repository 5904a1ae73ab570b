/**
 * `koepfe send --due`: what cron or the systemd timer runs every few minutes. Loads and checks the
 * edition once, holds the run lock for the whole run (a second run exits 0 and names the holder),
 * sends every due issue oldest first, resumes a half-sent one, and reports issues that are too late
 * instead of sending them.
 */
import { EXIT, KoepfeError, worstExit, type ExitCode } from "../lib/errors.js";
import { createLog } from "../lib/log.js";
import { requireSecret } from "../lib/token.js";
import { planForPublication, rankForPublication } from "./publication.js";
import { openLedger } from "../send/ledger/location.js";
import { dkimSettings } from "../send/mailer/dkim.js";
import { relayFromEnv } from "../send/mailer/smtp.js";
import { resolveNow } from "../schedule/now.js";
import { decideDue, describeDecision } from "../schedule/due.js";
import { resolvePlan } from "../schedule/plan.js";
import { loadValidEdition } from "./checked-edition.js";
import { prepareIssue } from "./prepare-issue.js";
import { sendLockedIssue, type IssueRequest } from "./send-issue.js";
import { sendSettings } from "./send-settings.js";
import { heldMessage, rateCheck } from "./rate-gate.js";
import type { AppIo } from "./ports.js";

export interface DueRequest extends Omit<IssueRequest, "issue"> {
  /** --now: an ISO time (local to the edition's zone unless it has an offset); null: the real clock. */
  now: string | null;
}

export async function sendDue(request: DueRequest, io: AppIo): Promise<ExitCode> {
  const log = createLog(io.out, io.clock);
  const secret = requireSecret(io.env);
  const relay = relayFromEnv(io.env);
  const valid = await loadValidEdition(request.dir, { subscribersFile: request.subscribersFile, signal: io.signal, env: io.env });
  const { edition } = valid;
  const newsletter = edition.config.newsletter;
  if (!newsletter) throw new KoepfeError("E_NO_NEWSLETTER", "edition.json has no newsletter section: nothing to send");
  const now = resolveNow(request.now, edition.config.timezone, io.clock);
  const { dkim, warning } = dkimSettings(io.env, newsletter.dkim);
  if (warning) log("warning", { warning }, `warning: ${warning}`);
  const ranking = rankForPublication(edition, valid.published);
  const plan = resolvePlan(
    planForPublication(edition, ranking, valid.published).map((p) => p.issue),
    edition.config.timezone,
  );
  const ledger = openLedger(request.dir, io.env);
  try {
    const lock = ledger.lock.acquire("send --due");
    if (!lock.acquired) {
      const h = lock.holder;
      log(
        "locked",
        { holder: h },
        `another send is running (pid ${h.pid} on ${h.host}, "${h.command}", since ${h.startedAt}); this run sends nothing`,
      );
      return EXIT.ok;
    }
    try {
      const decisions = decideDue(plan, new Map(ledger.issues().map((p) => [p.issue, p])), now, newsletter.max_delay_hours);
      const actionable = decisions.filter((d) => d.action === "send" || d.action === "resume" || d.action === "late");
      if (actionable.length === 0) {
        const next = decisions.find((d) => d.action === "wait");
        log(
          "nothing-due",
          { now: now.toISO(), next: next ?? null },
          `nothing due at ${now.toFormat("yyyy-MM-dd HH:mm ZZZZ")}${next ? `; next: ${describeDecision(next)}` : ""}`,
        );
        return EXIT.ok;
      }
      let exit: ExitCode = EXIT.ok;
      for (const d of actionable) {
        log("due", { ...d }, describeDecision(d));
        if (d.action === "late") {
          exit = worstExit(exit, EXIT.reviewNeeded);
          continue;
        }
        // the last issue drew too many complaints or hard bounces: a person decides (exit 4)
        const rates = d.action === "send" ? rateCheck(ledger, d.number, newsletter) : null;
        if (rates !== null && rates.exceeded.length > 0) {
          log(
            "held",
            { issue: d.number, after: rates.figures, complaint_rate: rates.complaintRate, hard_bounce_rate: rates.hardRate },
            heldMessage(d.number, rates, newsletter),
          );
          exit = worstExit(exit, EXIT.stopped);
          break;
        }
        // the edition as checked for the plan: not loaded, checked and ranked again per issue
        const prepared = await prepareIssue(valid, d.number, { secret, env: io.env });
        const settings = sendSettings(request, prepared.newsletter);
        const { exit: issueExit } = await sendLockedIssue(
          prepared,
          { ledger, relay, dkim, settings, resendUnknown: request.resendUnknown },
          io,
        );
        exit = worstExit(exit, issueExit);
        // a relay or auth failure, a pause or Ctrl-C: later issues wait for the next run
        if (issueExit === EXIT.stopped || io.signal.aborted) break;
      }
      return exit;
    } finally {
      ledger.lock.release();
    }
  } finally {
    ledger.close();
  }
}
