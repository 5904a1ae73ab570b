/**
 * The writes of a send, as plain statements on one connection: a claim (with its last look at the
 * suppression list) and a record (a bounce also suppresses the address). The ledger's writer thread
 * runs them in group commits (writer-worker.ts); they are here so both sides agree on what they do.
 */
import type Database from "better-sqlite3";
import { rowChange, type Transition } from "./delivery.js";
import { SuppressionList } from "./suppressions.js";

export type ClaimResult = { claimed: true } | { claimed: false; reason: string };

export type WriteOp = { t: "claim"; issue: number; email: string } | { t: "record"; issue: number; email: string; transition: Transition };

export class DeliveryWrites {
  readonly #update: Database.Statement<Record<string, string | number | null>>;
  readonly #suppressions: SuppressionList;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#now = now;
    this.#suppressions = new SuppressionList(db, now);
    this.#update = db.prepare(
      `UPDATE deliveries SET state = @to, attempts = attempts + @attempts,
         response = CASE WHEN @setResponse = 1 THEN @response ELSE response END,
         retry_at = @retryAt, sent_at = CASE WHEN @sent = 1 THEN @now ELSE sent_at END, updated_at = @now
       WHERE issue = @issue AND email = @email AND state = @from`,
    );
  }

  run(op: WriteOp): ClaimResult | undefined {
    return op.t === "claim" ? this.claim(op.issue, op.email) : this.record(op.issue, op.email, op.transition);
  }

  /** A suppressed address (the unsubscribe server may have added it a moment ago) ends as `suppressed`, any other becomes `sending`. */
  claim(issue: number, email: string): ClaimResult {
    const reason = this.#suppressions.reasonFor(email);
    if (reason !== null) {
      this.apply(issue, email, { kind: "suppress", response: `suppressed: ${reason}` });
      return { claimed: false, reason };
    }
    this.apply(issue, email, { kind: "claim" });
    return { claimed: true };
  }

  record(issue: number, email: string, t: Transition): undefined {
    this.apply(issue, email, t);
    if (t.kind === "bounced") this.#suppressions.suppress(email, `bounce: ${t.response}`, `send issue ${issue}`);
    return undefined;
  }

  /** One guarded state change: `WHERE state = <from>`, so a lost race never overwrites a newer state. */
  apply(issue: number, email: string, t: Transition): void {
    const c = rowChange(t);
    const params = {
      issue,
      email,
      from: c.from,
      to: c.to,
      attempts: c.attempts,
      setResponse: c.response === undefined ? 0 : 1,
      response: c.response ?? null,
      retryAt: c.retryAt,
      sent: c.sent ? 1 : 0,
      now: new Date(this.#now()).toISOString(),
    };
    if (this.#update.run(params).changes !== 1) {
      throw new Error(`ledger: delivery of issue ${issue} to ${email} is not in state "${c.from}" (transition ${t.kind})`);
    }
  }
}
