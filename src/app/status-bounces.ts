/**
 * The part of `koepfe status` about what came back after the sends: per issue hard and soft bounces,
 * complaints and policy blocks with their rates, the deliverability alarm, and whether `send --due`
 * holds the next issue.
 */
import type { NewsletterConfig } from "../edition/config-schema.js";
import { printable } from "../lib/text-safety.js";
import type { IssueBounceFigures, PolicyAlarm } from "../send/ledger/bounces.js";
import type { Ledger } from "../send/ledger/ledger.js";
import { percent } from "../send/rate-gate.js";
import { heldMessage, rateCheck } from "./rate-gate.js";

export interface BounceStatus {
  issues: (IssueBounceFigures & { hardRate: number; complaintRate: number })[];
  alarms: PolicyAlarm[];
  reports: number;
  unreadable: number;
  unmatched: number;
  /** Why `send --due` holds the next issue, or null. */
  held: string | null;
}

export function bounceStatus(ledger: Ledger, issues: readonly number[], newsletter: NewsletterConfig | undefined): BounceStatus {
  const started = ledger.issues().map((p) => p.issue);
  const figures = started.map((n) => {
    const f = ledger.bounces.figures(n);
    const of = (x: number) => (f.delivered === 0 ? 0 : x / f.delivered);
    return { ...f, hardRate: of(f.hard), complaintRate: of(f.complaints) };
  });
  const next = issues.find((n) => !started.includes(n));
  const verdict = next === undefined || newsletter === undefined ? null : rateCheck(ledger, next, newsletter);
  const held =
    verdict !== null && verdict.exceeded.length > 0 && newsletter && next !== undefined ? heldMessage(next, verdict, newsletter) : null;
  return { issues: figures, alarms: ledger.bounces.policyAlarms(), ...ledger.bounces.totals(), held };
}

export function formatBounceStatus(b: BounceStatus): string[] {
  const out: string[] = [];
  for (const f of b.issues) {
    if (f.delivered === 0) continue;
    out.push(
      `issue ${f.issue} after the send: ${f.hard} hard bounces (${percent(f.hardRate)}), ${f.soft} soft, ` +
        `${f.complaints} complaints (${percent(f.complaintRate)}), ${f.policy} policy blocks, of ${f.delivered} delivered`,
    );
  }
  for (const a of b.alarms) {
    out.push(
      `deliverability alarm: ${a.count} policy block${a.count === 1 ? "" : "s"} ${a.issue === null ? "(no delivery matched)" : `after issue ${a.issue}`}, ` +
        `e.g. "${printable(a.example).slice(0, 160)}": receivers refused the sender, not the addresses (none suppressed); ` +
        "check SPF, DKIM, DMARC, the sending IP's reputation and the content",
    );
  }
  if (b.reports > 0)
    out.push(`bounce reports: ${b.reports} recorded, ${b.unreadable} could not be read, ${b.unmatched} addresses matched no delivery`);
  if (b.held) out.push(`send --due: ${b.held}`);
  return out;
}
