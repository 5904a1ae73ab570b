/**
 * `koepfe send --due`: what cron or the systemd timer runs every few minutes. Holds the run lock for
 * the whole run (a second run exits 0 and names the holder), sends every due issue oldest first,
 * resumes a half-sent one, and reports issues that are too late instead of sending them.
 */
import type { NewsletterConfig } from "../edition/config-schema.js";
import { EXIT, KoepfeError, worstExit, type ExitCode } from "../lib/errors.js";
import { requireValidEdition } from "../check/check.js";
import { rankEdition } from "../rank/rank.js";
import { openLedger } from "../send/ledger/location.js";
import { prepareCheckedIssue } from "../send/prepare.js";
import { sendLockedIssue, type IssueSendOptions } from "../send/modes/issue.js";
import { dkimSettings } from "../send/mailer/dkim.js";
import { resolveNow } from "./now.js";
import { decideDue, type DueDecision, type IssueProgress } from "./due.js";
import { schedulePlan } from "./plan.js";

export interface DueRunOptions extends Omit<IssueSendOptions, "retry" | "pause" | "concurrency" | "rate" | "dkim"> {
  /** --now: an ISO time (local to the edition's zone unless it has an offset); null: the real clock. */
  now: string | null;
  secret: string;
  subscribersFile?: string | undefined;
  /** Per-issue send settings, resolved from the prepared issue's newsletter config and the flags. */
  settingsFor: (newsletter: NewsletterConfig) => Pick<IssueSendOptions, "retry" | "pause" | "concurrency" | "rate">;
  log: (event: string, data: Record<string, unknown>, text: string) => void;
}

function describe(d: DueDecision): string {
  switch (d.action) {
    case "send":
      return `issue ${d.number}: due ${d.lateByMinutes} min ago, sending`;
    case "resume":
      return `issue ${d.number}: half-sent, resuming`;
    case "late":
      return `issue ${d.number}: ${Math.round(d.lateByMinutes / 60)} h late, over newsletter.max_delay_hours: not sent automatically — send it by hand with "koepfe send ${d.number}" if it should still go out`;
    case "wait":
      return `issue ${d.number}: due in ${d.inMinutes} min`;
    case "done":
      return `issue ${d.number}: complete`;
    case "unscheduled":
      return `issue ${d.number}: no send_at (set newsletter.start_at or the issue's send_at)`;
  }
}

export async function sendDue(o: DueRunOptions): Promise<ExitCode> {
  const { edition, warnings } = await requireValidEdition(o.dir, o.subscribersFile ? { subscribersFile: o.subscribersFile } : {});
  const newsletter = edition.config.newsletter;
  if (!newsletter) throw new KoepfeError("E_NO_NEWSLETTER", "edition.json has no newsletter section: nothing to send");
  const now = resolveNow(o.now, edition.config.timezone);
  const { dkim, warning } = dkimSettings(o.env, newsletter.dkim);
  if (warning) o.log("warning", { warning }, `warning: ${warning}`);
  const ranking = rankEdition(edition);
  const plan = schedulePlan(edition, ranking);
  const ledger = openLedger(o.dir, o.env);
  try {
    const lock = ledger.lock.acquire("send --due");
    if (!lock.acquired) {
      const h = lock.holder;
      o.log(
        "locked",
        { holder: h },
        `another send is running (pid ${h.pid} on ${h.host}, "${h.command}", since ${h.startedAt}); this run sends nothing`,
      );
      return EXIT.ok;
    }
    try {
      const progress = new Map<number, IssueProgress>(ledger.issues().map((p) => [p.issue, p]));
      const decisions = decideDue(plan, progress, now, newsletter.max_delay_hours);
      const actionable = decisions.filter((d) => d.action === "send" || d.action === "resume" || d.action === "late");
      if (actionable.length === 0) {
        const next = decisions.find((d) => d.action === "wait");
        o.log(
          "nothing-due",
          { now: now.toISO(), next: next ?? null },
          `nothing due at ${now.toFormat("yyyy-MM-dd HH:mm ZZZZ")}${next ? `; next: ${describe(next)}` : ""}`,
        );
        return EXIT.ok;
      }
      let exit: ExitCode = EXIT.ok;
      for (const d of actionable) {
        o.log("due", { ...d }, describe(d));
        if (d.action === "late") {
          exit = worstExit(exit, EXIT.reviewNeeded);
          continue;
        }
        // the edition as checked for the plan: not loaded, checked and ranked again per issue
        const prepared = await prepareCheckedIssue(edition, warnings, ranking, d.number, o.secret);
        const { exit: issueExit } = await sendLockedIssue(prepared, ledger, { ...o, dkim, ...o.settingsFor(prepared.newsletter) });
        exit = worstExit(exit, issueExit);
        // a relay or auth failure, a pause or Ctrl-C: later issues wait for the next run
        if (issueExit === EXIT.stopped || o.signal.aborted) break;
      }
      return exit;
    } finally {
      ledger.lock.release();
    }
  } finally {
    ledger.close();
  }
}
