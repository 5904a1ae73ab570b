/**
 * What `send --due` does now, decided from the plan, the ledger's per-issue progress and the clock
 * (a parameter, so rehearsals and tests can fix it with --now). Pure.
 */
import type { DateTime } from "luxon";

/** An issue of the plan with its send time resolved in the edition's zone. */
export interface ScheduledIssue {
  number: number;
  /** null when the issue has no send_at (e.g. the default plan without newsletter.start_at). */
  sendAt: DateTime | null;
}

/** What the schedule needs to know of an issue's deliveries (the ledger's IssueProgress has it). */
type Progress = {
  /** The issue's audience is frozen and at least one delivery was attempted. */
  started: boolean;
  /** Every delivery reached a final state. */
  complete: boolean;
};

export type DueDecision =
  | { number: number; action: "send" | "resume"; lateByMinutes: number }
  | { number: number; action: "late"; lateByMinutes: number }
  | { number: number; action: "wait"; inMinutes: number }
  | { number: number; action: "done" }
  | { number: number; action: "unscheduled" };

/**
 * Oldest first. An issue more than `maxDelayHours` late is not sent automatically — a countdown mail
 * three days late confuses readers — also when it is half-sent: it is reported and needs
 * `koepfe send ISSUE` by hand.
 */
export function decideDue(
  plan: readonly ScheduledIssue[],
  progress: ReadonlyMap<number, Progress>,
  now: DateTime,
  maxDelayHours: number,
): DueDecision[] {
  const ordered = [...plan].sort((a, b) => (a.sendAt?.toMillis() ?? Infinity) - (b.sendAt?.toMillis() ?? Infinity) || a.number - b.number);
  return ordered.map((issue): DueDecision => {
    const p = progress.get(issue.number) ?? { started: false, complete: false };
    if (p.complete) return { number: issue.number, action: "done" };
    if (issue.sendAt === null) return { number: issue.number, action: "unscheduled" };
    const lateByMinutes = Math.floor(now.diff(issue.sendAt, "minutes").minutes);
    if (lateByMinutes < 0) return { number: issue.number, action: "wait", inMinutes: -lateByMinutes };
    if (lateByMinutes > maxDelayHours * 60) return { number: issue.number, action: "late", lateByMinutes };
    return { number: issue.number, action: p.started ? "resume" : "send", lateByMinutes };
  });
}

/** One sentence per decision, for the log of a `send --due` run. */
export function describeDecision(d: DueDecision): string {
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
