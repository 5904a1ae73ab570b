/** The newsletter plan with each issue's send time resolved in the edition's zone (null: not scheduled). */
import { resolveWallTime } from "./wall-time.js";
import type { ScheduledIssue } from "./due.js";

/** Each issue's send_at resolved in `zone`; null for no send_at or one that does not resolve. */
export function resolvePlan(issues: readonly { number: number; send_at: string }[], zone: string): ScheduledIssue[] {
  return issues.map((issue) => {
    const resolved = issue.send_at === "" ? null : resolveWallTime(issue.send_at, zone);
    // `check` refuses unresolvable times, so a valid edition only has null for unscheduled issues
    return { number: issue.number, sendAt: resolved?.ok ? resolved.instant : null };
  });
}
