/**
 * `koepfe status`: per issue its schedule, the ledger counts and whether it is complete. Reads the
 * plan from the edition (the configured issues or the default countdown) and the ledger if it exists.
 */
import { resolveNow } from "../schedule/now.js";
import { resolvePlan } from "../schedule/plan.js";
import { decideDue, type DueDecision } from "../schedule/due.js";
import { planForPublication, rankForPublication, type PublishedState } from "./publication.js";
import type { Approval } from "../send/ledger/publication.js";
import type { IssueProgress } from "../send/ledger/ledger.js";
import type { LockHolder } from "../send/ledger/run-lock.js";
import { openExistingLedger } from "../send/ledger/location.js";
import { textTable } from "../lib/text-table.js";
import { printable } from "../lib/text-safety.js";
import { checkEdition } from "./checked-edition.js";
import { bounceStatus, formatBounceStatus, type BounceStatus } from "./status-bounces.js";

export interface IssueStatus {
  number: number;
  /** send_at as written in edition.json; null when the issue is only in the ledger or has no time. */
  sendAt: string | null;
  /** The send time in the edition's zone and in UTC (ISO), when it resolves. */
  local: string | null;
  utc: string | null;
  /** What `send --due` would do with this issue at `now`. */
  due: DueDecision["action"] | null;
  /** null before the first send of the issue. */
  progress: IssueProgress | null;
  /** What the issue revealed when it started going out; null before. */
  published: { at: string; places: string } | null;
  /** The latest approval (newsletter.require_approval), whatever version it approved. */
  approval: Approval | null;
}

/** "places 12–7" (or "6 entries") of an issue that went out. */
function publishedOf(state: PublishedState, issue: number): IssueStatus["published"] {
  const at = state.issues.find((i) => i.issue === issue)?.publishedAt;
  if (at === undefined) return null;
  const places = state.places.filter((p) => p.issue === issue);
  const ranks = places.flatMap((p) => (p.rank === null ? [] : [p.rank]));
  const text = ranks.length > 0 ? `places ${Math.max(...ranks)}–${Math.min(...ranks)}` : `${places.length} entries`;
  return { at, places: text };
}

export interface SendStatus {
  /** The time the `due` column was decided for (--now, or the clock). */
  now: string;
  ledger: string | null;
  /** A send holding the run lock right now. */
  running: LockHolder | null;
  /** false when the edition has check errors (the plan may then be incomplete). */
  editionValid: boolean;
  issues: IssueStatus[];
  /** What came back after the sends; null without a ledger. */
  bounces: BounceStatus | null;
}

export async function sendStatus(
  dir: string,
  env: NodeJS.ProcessEnv,
  nowIso: string | null = null,
  clock: () => number = Date.now,
): Promise<SendStatus> {
  const checked = await checkEdition(dir, { env });
  const zone = checked.edition?.config.timezone ?? "Europe/Berlin";
  const now = resolveNow(nowIso, zone, clock);
  // the default countdown needs the ranking; an edition with errors shows only its configured issues
  const issues =
    checked.valid && checked.edition
      ? planForPublication(checked.edition, rankForPublication(checked.edition, checked.published), checked.published).map((p) => p.issue)
      : (checked.edition?.config.newsletter?.issues ?? []);
  const planned = issues.map((i) => ({ number: i.number, sendAt: i.send_at }));
  const ledger = openExistingLedger(dir, env);
  try {
    const progress = ledger?.issues() ?? [];
    const numbers = [...new Set([...planned.map((p) => p.number), ...progress.map((p) => p.issue)])].sort((a, b) => a - b);
    const resolved = resolvePlan(issues, zone);
    const times = new Map(resolved.map((p) => [p.number, p.sendAt]));
    const maxDelay = checked.edition?.config.newsletter?.max_delay_hours ?? 6;
    const decisions = checked.valid ? decideDue(resolved, new Map(progress.map((p) => [p.issue, p])), now, maxDelay) : [];
    const timeOf = (n: number) => times.get(n) ?? null;
    return {
      now: now.toISO() ?? "",
      ledger: ledger?.file ?? null,
      running: ledger?.lock.liveHolder() ?? null,
      editionValid: checked.valid,
      issues: numbers.map((n) => ({
        number: n,
        sendAt: planned.find((p) => p.number === n)?.sendAt || null,
        local: timeOf(n)?.toFormat("ccc dd.MM.yyyy HH:mm ZZZZ", { locale: "de" }) ?? null,
        utc: timeOf(n)?.toUTC().toFormat("yyyy-MM-dd HH:mm'Z'") ?? null,
        due: decisions.find((d) => d.number === n)?.action ?? null,
        progress: progress.find((p) => p.issue === n) ?? null,
        published: publishedOf(checked.published, n),
        approval: ledger?.publication.latestApproval(n) ?? null,
      })),
      bounces: ledger === null ? null : bounceStatus(ledger, numbers, checked.edition?.config.newsletter),
    };
  } finally {
    ledger?.close();
  }
}

function stateOf(p: IssueProgress | null): string {
  if (p === null) return "not started";
  if (!p.complete) return p.started ? "in progress" : "audience fixed";
  return p.counts.failed + p.counts.unknown > 0 ? "complete, review failed/unknown" : "complete";
}

/** A plain table, one row per issue. */
export function formatStatus(s: SendStatus): string {
  const head = [
    "issue",
    "local time",
    "UTC",
    "send --due",
    "audience",
    "sent",
    "failed",
    "bounced",
    "unknown",
    "suppressed",
    "queued",
    "state",
  ];
  const rows = s.issues.map((i) => {
    const c = i.progress?.counts;
    const n = (v: number | undefined) => (v === undefined ? "-" : String(v));
    return [
      String(i.number),
      i.local ?? i.sendAt ?? "-",
      i.utc ?? "-",
      i.due ?? "-",
      n(i.progress?.audienceSize),
      n(c?.sent),
      n(c?.failed),
      n(c?.bounced),
      n(c?.unknown),
      n(c?.suppressed),
      n(c === undefined ? undefined : c.queued + c.sending),
      stateOf(i.progress),
    ];
  });
  const out = [textTable(head, rows).slice(0, -1)];
  if (s.issues.length === 0) out.push("(no newsletter issues planned and nothing in the ledger)");
  out.push(`send --due at ${s.now}: ${dueSummary(s)}`);
  out.push(s.ledger ? `ledger: ${s.ledger}` : "ledger: none yet (created by the first send)");
  for (const i of s.issues)
    if (i.published) out.push(`issue ${i.number} published ${i.published.places} at ${i.published.at}: they stay put`);
  for (const i of s.issues)
    if (i.approval && !i.published)
      out.push(
        `issue ${i.number} approved by ${printable(i.approval.by)} at ${i.approval.at} (version ${i.approval.contentHash.slice(0, 12)})`,
      );
  if (s.bounces) out.push(...formatBounceStatus(s.bounces));
  if (s.running) out.push(`running now: "${s.running.command}" (pid ${s.running.pid} on ${s.running.host}, since ${s.running.startedAt})`);
  if (!s.editionValid) out.push(`the edition has check errors: run "koepfe check" (the plan above may be incomplete)`);
  return `${out.join("\n")}\n`;
}

/** One sentence for the table's foot: what a `send --due` run would do right now. */
function dueSummary(s: SendStatus): string {
  const of = (action: string) => s.issues.filter((i) => i.due === action).map((i) => i.number);
  const parts: string[] = [];
  if (of("send").length) parts.push(`sends issue ${of("send").join(", ")}`);
  if (of("resume").length) parts.push(`resumes issue ${of("resume").join(", ")}`);
  if (of("late").length) parts.push(`refuses issue ${of("late").join(", ")} as too late (send by hand)`);
  if (s.running) parts.push("exits at once: another run holds the lock");
  return parts.length ? parts.join("; ") : "nothing due";
}
