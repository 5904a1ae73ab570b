/**
 * What `send --due` does now, decided from the plan, the ledger's per-issue progress and the clock
 * (a parameter, so rehearsals and tests can fix it with --now). Pure.
 */
import type { DateTime } from "luxon";

export interface PlannedIssue {
  number: number;
  /** null when the issue has no send_at (e.g. the default plan without newsletter.start_at). */
  sendAt: DateTime | null;
}

export interface IssueProgress {
  /** The issue's audience is frozen and at least one delivery was attempted. */
  started: boolean;
  /** Every delivery reached a final state (sent, failed, bounced, unknown). */
  complete: boolean;
}

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
  plan: readonly PlannedIssue[],
  progress: ReadonlyMap<number, IssueProgress>,
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
