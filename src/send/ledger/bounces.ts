/**
 * Bounces and complaints that arrive after the send, in the ledger: every report once (by its id:
 * processing the same report twice changes nothing), what it said per address, which delivery it
 * belongs to, and what was done about it. The actions run in the same transaction as the record:
 * hard bounce and complaint suppress at once, soft bounces suppress once they came back on
 * `softLimit` different issues, a policy block raises the deliverability alarm and never suppresses
 * (it is the sender's problem, not the address's).
 */
import type Database from "better-sqlite3";
import { canonicalEmail } from "../../lib/token.js";
import type { BounceClass } from "../../types/bounce.js";

/** How a report found its delivery: the VERP tag, our Message-ID in the returned message, the address, or not at all. */
export type MatchedBy = "verp" | "message-id" | "recipient" | "none";

/**
 * What the record did: suppressed, already-suppressed (nothing new), counted (a soft bounce under the
 * limit), soft-limit (the soft bounce that reached it: suppressed), alarm (policy), none (not a
 * failure), not-ours (an address no delivery and no subscriber has: recorded, nothing done).
 */
export type BounceAction = "suppressed" | "already-suppressed" | "counted" | "soft-limit" | "alarm" | "none" | "not-ours";

export interface BounceEventInput {
  email: string;
  class: BounceClass;
  status: string | null;
  reason: string;
  diagnostic: string;
  /** The delivery a verified VERP tag names (only when the tag belongs to this address). */
  verp: { issue: number; position: number } | null;
  /** Our Message-ID of the bounced message, in <angle brackets>. */
  messageId: string | null;
  occurredAt: string;
}

export interface BounceReportInput {
  reportId: string;
  /** Where it came from: a file, "stdin", "imap:INBOX/17", "webhook:ses". */
  source: string;
  kind: string;
  /** Set for a message that could not be read: it is recorded with no events. */
  error: string | null;
  events: BounceEventInput[];
}

export interface RecordedEvent {
  email: string;
  class: BounceClass;
  status: string | null;
  diagnostic: string;
  issue: number | null;
  matchedBy: MatchedBy;
  action: BounceAction;
}

export type RecordOutcome = { duplicate: true } | { duplicate: false; events: RecordedEvent[] };

export interface BouncePolicy {
  /** Soft bounces on this many different issues (or days, for unmatched ones) suppress the address. */
  softLimit: number;
  /** Whether an address no delivery names is one of ours: only then does a report act on it. */
  isSubscriber: (email: string) => boolean;
}

/** Per issue: the deliveries the relay accepted or refused, and what came back afterwards (distinct addresses). */
export interface IssueBounceFigures {
  issue: number;
  /** Deliveries handed to the relay: sent + bounced. */
  delivered: number;
  /** Bounced during the SMTP dialogue or by a hard bounce report afterwards. */
  hard: number;
  soft: number;
  complaints: number;
  policy: number;
}

export interface PolicyAlarm {
  issue: number | null;
  count: number;
  /** One diagnostic, as an example of what the receivers said. */
  example: string;
}

type DeliveryRef = { issue: number; email: string };

export class BounceBook {
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #insertReport: Database.Statement<[string, string, string, string | null, string]>;
  readonly #insertEvent: Database.Statement<[string, string, string, string | null, string, string, number | null, string, string, string]>;
  readonly #byPosition: Database.Statement<[number, number], DeliveryRef>;
  readonly #byMessageId: Database.Statement<[string], DeliveryRef>;
  readonly #latestFor: Database.Statement<[string], DeliveryRef>;
  readonly #softKeys: Database.Statement<[string], { n: number }>;
  readonly #markBounced: Database.Statement<[string, string, number, string]>;
  readonly #suppress: Database.Statement<[string, string, string, string]>;
  readonly #setAction: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
    this.#insertReport = db.prepare(
      "INSERT INTO bounce_reports (report_id, source, kind, error, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id) DO NOTHING",
    );
    this.#insertEvent = db.prepare(
      `INSERT INTO bounce_events (report_id, email, class, status, reason, diagnostic, issue, matched_by, action, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (report_id, email) DO NOTHING`,
    );
    this.#byPosition = db.prepare("SELECT issue, email FROM deliveries WHERE issue = ? AND position = ?");
    this.#byMessageId = db.prepare("SELECT issue, email FROM deliveries WHERE message_id = ? LIMIT 1");
    // the latest issue that went to the address: a bounce arrives after the mail it answers
    this.#latestFor = db.prepare(
      "SELECT issue, email FROM deliveries WHERE email = ? COLLATE NOCASE AND state IN ('sent', 'bounced', 'unknown') ORDER BY issue DESC LIMIT 1",
    );
    // different issues; an unmatched soft bounce counts for its day (a countdown sends one issue a day)
    this.#softKeys = db.prepare(
      `SELECT COUNT(DISTINCT COALESCE(CAST(issue AS TEXT), 'day ' || substr(occurred_at, 1, 10))) AS n
       FROM bounce_events WHERE email = ? AND class = 'soft'`,
    );
    this.#markBounced = db.prepare(
      "UPDATE deliveries SET state = 'bounced', response = ?, updated_at = ? WHERE issue = ? AND email = ? AND state IN ('sent', 'unknown')",
    );
    this.#setAction = db.prepare("UPDATE bounce_events SET action = ? WHERE report_id = ? AND email = ?");
    this.#suppress = db.prepare(
      "INSERT INTO suppressions (email, reason, source, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (email) DO NOTHING",
    );
  }

  /** Records a report and acts on it, in one transaction; a report recorded before changes nothing. */
  record(report: BounceReportInput, policy: BouncePolicy): RecordOutcome {
    return this.#db
      .transaction((): RecordOutcome => {
        const now = new Date(this.#now()).toISOString();
        if (this.#insertReport.run(report.reportId, report.source, report.kind, report.error, now).changes === 0)
          return { duplicate: true };
        const events: RecordedEvent[] = [];
        for (const e of report.events) {
          const found = this.deliveryFor(e, report.events.length === 1);
          const email = canonicalEmail(found.email);
          const recorded = events.some((r) => r.email.toLowerCase() === email.toLowerCase());
          if (recorded) continue;
          // insert before acting: the soft count includes this report
          this.#insertEvent.run(
            report.reportId,
            email,
            e.class,
            e.status,
            e.reason,
            e.diagnostic,
            found.issue,
            found.matchedBy,
            "none",
            e.occurredAt,
          );
          // a policy block speaks about the sender and an auto-reply about nothing: only the rest needs the address to be ours
          const ours = found.matchedBy !== "none" || policy.isSubscriber(email) || e.class === "policy" || e.class === "none";
          const action = ours ? this.#act(e, email, found.issue, report.source, policy, now) : "not-ours";
          this.#setAction.run(action, report.reportId, email);
          events.push({
            email,
            class: e.class,
            status: e.status,
            diagnostic: e.diagnostic,
            issue: found.issue,
            matchedBy: found.matchedBy,
            action,
          });
        }
        return { duplicate: false, events };
      })
      .immediate();
  }

  /**
   * The delivery a report names. The VERP tag and our Message-ID name the delivery whatever address
   * the report gives (a forwarded mailbox bounces under its new name: the address we mail is the one
   * to act on); a report about several recipients applies them only to the delivery of that address.
   */
  deliveryFor(e: BounceEventInput, single: boolean): { issue: number | null; email: string; matchedBy: MatchedBy } {
    const same = (d: DeliveryRef | undefined) => d !== undefined && (single || d.email.toLowerCase() === e.email.toLowerCase());
    const byVerp = e.verp === null ? undefined : this.#byPosition.get(e.verp.issue, e.verp.position);
    if (byVerp && same(byVerp)) return { ...byVerp, matchedBy: "verp" };
    const byId = e.messageId === null ? undefined : this.#byMessageId.get(e.messageId);
    if (byId && same(byId)) return { ...byId, matchedBy: "message-id" };
    const byAddress = this.#latestFor.get(e.email);
    if (byAddress) return { ...byAddress, matchedBy: "recipient" };
    return { issue: null, email: e.email, matchedBy: "none" };
  }

  #act(e: BounceEventInput, email: string, issue: number | null, source: string, policy: BouncePolicy, now: string): BounceAction {
    const suppress = (reason: string): BounceAction =>
      this.#suppress.run(email, reason.slice(0, 300), `bounces (${source})`.slice(0, 200), now).changes === 1
        ? "suppressed"
        : "already-suppressed";
    const said = [e.status, e.diagnostic].filter((s) => s !== null && s !== "").join(" ");
    switch (e.class) {
      case "hard":
        if (issue !== null) this.#markBounced.run(`bounce report: ${said}`.slice(0, 500), now, issue, email);
        return suppress(`bounce: ${said}`);
      case "complaint":
        return suppress(`complaint: ${said}`);
      case "soft": {
        const n = this.#softKeys.get(email)?.n ?? 0;
        if (n < policy.softLimit) return "counted";
        const action = suppress(`soft bounces on ${n} issues: ${said}`);
        return action === "suppressed" ? "soft-limit" : action;
      }
      case "policy":
        return "alarm";
      case "none":
        return "none";
    }
  }

  /** What came back for one issue. */
  figures(issue: number): IssueBounceFigures {
    const deliveries = this.#db
      .prepare("SELECT SUM(state IN ('sent', 'bounced')) AS delivered, SUM(state = 'bounced') AS hard FROM deliveries WHERE issue = ?")
      .get(issue) as { delivered: number | null; hard: number | null };
    const classes = this.#db
      .prepare("SELECT class, COUNT(DISTINCT email) AS n FROM bounce_events WHERE issue = ? GROUP BY class")
      .all(issue) as { class: BounceClass; n: number }[];
    const of = (c: BounceClass) => classes.find((r) => r.class === c)?.n ?? 0;
    return {
      issue,
      delivered: deliveries.delivered ?? 0,
      hard: deliveries.hard ?? 0,
      soft: of("soft"),
      complaints: of("complaint"),
      policy: of("policy"),
    };
  }

  /** Policy blocks per issue (null: reports no delivery matched), with an example of what was said. */
  policyAlarms(): PolicyAlarm[] {
    return (
      this.#db
        .prepare(
          "SELECT issue, COUNT(*) AS count, MAX(diagnostic) AS example FROM bounce_events WHERE class = 'policy' GROUP BY issue ORDER BY issue",
        )
        .all() as { issue: number | null; count: number; example: string }[]
    ).map((r) => ({ issue: r.issue, count: r.count, example: r.example }));
  }

  /** Reports recorded, and how many of them could not be read. */
  totals(): { reports: number; unreadable: number; unmatched: number } {
    return this.#db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM bounce_reports) AS reports,
                (SELECT COUNT(*) FROM bounce_reports WHERE error IS NOT NULL) AS unreadable,
                (SELECT COUNT(*) FROM bounce_events WHERE matched_by = 'none') AS unmatched`,
      )
      .get() as { reports: number; unreadable: number; unmatched: number };
  }
}
