/** Reading the ledger for reports: per-issue progress and the deliveries of an issue. */
import type Database from "better-sqlite3";
import { DELIVERY_STATES, type Delivery, type DeliveryState } from "./delivery.js";

export interface IssueProgress {
  issue: number;
  audienceFrozenAt: string;
  audienceSize: number;
  counts: Record<DeliveryState, number>;
  /** At least one delivery was attempted (left `queued` at least once). */
  started: boolean;
  /** Every delivery is in a final state (sent, failed, bounced, unknown, suppressed). */
  complete: boolean;
}

export type DeliveryRow = {
  issue: number;
  email: string;
  first_name: string | null;
  position: number;
  message_id: string;
  state: DeliveryState;
  attempts: number;
  response: string | null;
  retry_at: number | null;
  updated_at: string;
  sent_at: string | null;
};

/** Progress of every issue whose audience is frozen, by issue number. */
export function issueProgress(db: Database.Database): IssueProgress[] {
  const issues = db.prepare("SELECT issue, audience_frozen_at, audience_size FROM issues ORDER BY issue").all() as {
    issue: number;
    audience_frozen_at: string;
    audience_size: number;
  }[];
  const counts = db
    .prepare("SELECT issue, state, count(*) AS n, sum(attempts > 0 OR state != 'queued') AS touched FROM deliveries GROUP BY issue, state")
    .all() as { issue: number; state: DeliveryState; n: number; touched: number }[];
  return issues.map((i) => {
    const mine = counts.filter((c) => c.issue === i.issue);
    const byState = Object.fromEntries(DELIVERY_STATES.map((s) => [s, mine.find((c) => c.state === s)?.n ?? 0])) as Record<
      DeliveryState,
      number
    >;
    return {
      issue: i.issue,
      audienceFrozenAt: i.audience_frozen_at,
      audienceSize: i.audience_size,
      counts: byState,
      started: mine.some((c) => c.touched > 0),
      complete: byState.queued + byState.sending === 0,
    };
  });
}

export function listDeliveries(db: Database.Database, issue: number): Delivery[] {
  const rows = db.prepare("SELECT * FROM deliveries WHERE issue = ? ORDER BY position").all(issue) as DeliveryRow[];
  return rows.map(toDelivery);
}

function toDelivery(r: DeliveryRow): Delivery {
  const base = {
    issue: r.issue,
    email: r.email,
    firstName: r.first_name,
    messageId: r.message_id,
    attempts: r.attempts,
    updatedAt: r.updated_at,
  };
  switch (r.state) {
    case "queued":
      return { ...base, state: r.state, retryAt: r.retry_at, response: r.response };
    case "sending":
      return { ...base, state: r.state };
    case "sent":
      return { ...base, state: r.state, response: r.response ?? "", sentAt: r.sent_at ?? r.updated_at };
    default:
      return { ...base, state: r.state, response: r.response ?? "" };
  }
}
