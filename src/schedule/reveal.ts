/**
 * Which places the site may show at a moment: a place becomes public when the issue that reveals
 * it is due (its send_at has come) or has gone out; places that no issue reveals (a list longer
 * than the mailed countdown) are public from the first issue's time, or from `site.publish_at`.
 * `site.reveal: "all"` (and an edition without issues) shows everything. Pure.
 */
import type { DateTime } from "luxon";
import type { RankedEntry } from "../rank/model.js";
import type { PlannedIssue } from "../render/newsletter/plan.js";

export interface RevealInput {
  mode: "countdown" | "all";
  planned: readonly PlannedIssue[];
  /** Each issue's send time in the edition's zone; null: not scheduled. */
  sendAt: ReadonlyMap<number, DateTime | null>;
  /** Issues whose sending has started (the ledger's published state): public whatever their time. */
  published: ReadonlySet<number>;
  /** When the places no issue reveals go public (site.publish_at); null: with the first issue. */
  publishAt: DateTime | null;
  entries: readonly RankedEntry[];
  asOf: DateTime;
}

export interface Reveal {
  /** Ids of the nominees the site shows. */
  visible: ReadonlySet<string>;
  /** Issues whose web version the archive shows. */
  issues: ReadonlySet<number>;
  /** For each hidden nominee, when it goes public (null: no time is set yet). */
  upcoming: ReadonlyMap<string, DateTime | null>;
  /** The next issue to reveal places, when there is one with a time. */
  next: { issue: PlannedIssue; at: DateTime } | null;
}

const due = (at: DateTime | null | undefined, asOf: DateTime) => at !== null && at !== undefined && at.toMillis() <= asOf.toMillis();

export function reveal(input: RevealInput): Reveal {
  const { planned, asOf } = input;
  if (input.mode === "all") {
    return {
      visible: new Set(input.entries.map((e) => e.id)),
      issues: new Set(
        planned
          .filter((p) => due(input.sendAt.get(p.issue.number), asOf) || input.published.has(p.issue.number))
          .map((p) => p.issue.number),
      ),
      upcoming: new Map(),
      next: null,
    };
  }
  const isPublic = (p: PlannedIssue) => input.published.has(p.issue.number) || due(input.sendAt.get(p.issue.number), asOf);
  const issues = new Set(planned.filter(isPublic).map((p) => p.issue.number));
  const owner = new Map<string, PlannedIssue>();
  for (const p of planned) for (const e of p.entries) if (!owner.has(e.id)) owner.set(e.id, p);
  const times = planned.map((p) => input.sendAt.get(p.issue.number) ?? null).filter((t): t is DateTime => t !== null);
  const first = times.reduce<DateTime | null>((a, t) => (a === null || t < a ? t : a), null);
  const uncoveredAt = input.publishAt ?? first;
  const uncoveredPublic = due(uncoveredAt, asOf) || (input.publishAt === null && issues.size > 0);

  const visible = new Set<string>();
  const upcoming = new Map<string, DateTime | null>();
  for (const e of input.entries) {
    const p = owner.get(e.id);
    if (p === undefined ? uncoveredPublic : issues.has(p.issue.number)) visible.add(e.id);
    else upcoming.set(e.id, p === undefined ? uncoveredAt : (input.sendAt.get(p.issue.number) ?? null));
  }
  const waiting = planned
    .filter((p) => !issues.has(p.issue.number) && p.entries.length > 0)
    .map((p) => ({ issue: p, at: input.sendAt.get(p.issue.number) ?? null }))
    .filter((n): n is { issue: PlannedIssue; at: DateTime } => n.at !== null)
    .sort((a, b) => a.at.toMillis() - b.at.toMillis());
  return { visible, issues, upcoming, next: waiting[0] ?? null };
}
