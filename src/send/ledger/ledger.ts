/**
 * The delivery ledger: one SQLite file (WAL, synchronous=FULL) that records each (issue, recipient)
 * delivery, the suppression list and the run lock. A delivery is claimed (`sending`) durably — on
 * disk, not only in the kernel — before its message goes to the relay, so not even a power cut can
 * make a recipient get an issue twice. The claims and records of a send go through the ledger's
 * writer thread (writer.ts), which commits everything that arrives while the disk is busy in one
 * transaction: one fsync for many messages, and the send loop's thread never waits on the disk.
 */
import type Database from "better-sqlite3";
import { canonicalEmail } from "../../lib/token.js";
import { openDatabase, type Durability, type OpenOptions } from "./schema.js";
import type { Delivery, Transition } from "./delivery.js";
import { issueProgress, listDeliveries, type DeliveryRow, type IssueProgress } from "./reports.js";
import { SuppressionList } from "./suppressions.js";
import { RunLock } from "./run-lock.js";
import { Publication } from "./publication.js";
import { BounceBook } from "./bounces.js";
import { Subscriptions } from "./subscriptions.js";
import { forgetAddress, forgottenHashes, type ForgetResult } from "./forget.js";
import { DeliveryWrites, type ClaimResult } from "./write-ops.js";
import { LedgerWriter } from "./writer.js";

export interface AudienceMember {
  email: string;
  firstName: string | null;
  messageId: string;
}

/** A queued delivery as the send loop needs it. */
export interface PendingDelivery extends AudienceMember {
  /** Its place in the frozen audience: with the issue, what the VERP tag names. */
  position: number;
  attempts: number;
  /** Epoch ms before which a deferred delivery must not be retried; null: at once. */
  retryAt: number | null;
}

export type { ClaimResult };

export type { IssueProgress };

export class Ledger {
  readonly file: string;
  readonly suppressions: SuppressionList;
  readonly lock: RunLock;
  readonly publication: Publication;
  readonly bounces: BounceBook;
  readonly subscriptions: Subscriptions;
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #writes: DeliveryWrites;
  readonly #pending: Database.Statement<[number], DeliveryRow>;
  #writer: LedgerWriter | null = null;
  readonly #durability: Durability;

  constructor(file: string, options: OpenOptions & { now?: () => number } = {}) {
    this.file = file;
    this.#now = options.now ?? Date.now;
    this.#durability = options.durability ?? "FULL";
    this.#db = openDatabase(file, options);
    this.suppressions = new SuppressionList(this.#db, this.#now);
    this.lock = new RunLock(this.#db, this.#now);
    this.publication = new Publication(this.#db, this.#now);
    this.bounces = new BounceBook(this.#db, this.#now);
    this.subscriptions = new Subscriptions(this.#db, this.#now);
    this.#writes = new DeliveryWrites(this.#db, this.#now);
    this.#pending = this.#db.prepare("SELECT * FROM deliveries WHERE issue = ? AND state = 'queued' ORDER BY position");
  }

  #iso(): string {
    return new Date(this.#now()).toISOString();
  }

  /** Runs `fn` in one IMMEDIATE transaction (the write lock is taken before anything is read). */
  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn).immediate();
  }

  /**
   * Fixes the audience of an issue when its first send starts: later sign-ups do not join a
   * half-sent issue. Returns false (and changes nothing) when the audience was fixed before.
   */
  freezeAudience(issue: number, members: readonly AudienceMember[]): boolean {
    return this.transaction(() => {
      if (this.#db.prepare("SELECT 1 FROM issues WHERE issue = ?").get(issue)) return false;
      const now = this.#iso();
      this.#db.prepare("INSERT INTO issues (issue, audience_frozen_at, audience_size) VALUES (?, ?, ?)").run(issue, now, members.length);
      const insert = this.#db.prepare(
        "INSERT INTO deliveries (issue, email, first_name, position, message_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      );
      members.forEach((m, i) => {
        insert.run(issue, m.email, m.firstName, i, m.messageId, now);
      });
      return true;
    });
  }

  /** Queued deliveries of an issue in audience order. */
  pending(issue: number): PendingDelivery[] {
    return this.#pending.all(issue).map((r) => ({
      email: r.email,
      firstName: r.first_name,
      messageId: r.message_id,
      position: r.position,
      attempts: r.attempts,
      retryAt: r.retry_at,
    }));
  }

  /** The writer thread, started by the first claim or record. */
  #writerThread(): LedgerWriter {
    this.#writer ??= new LedgerWriter(this.file, this.#now, this.#durability);
    return this.#writer;
  }

  /**
   * The last step before the SMTP transaction: a suppressed address (the unsubscribe server may
   * have added it a moment ago) ends as `suppressed`, any other becomes `sending`. Resolves once the
   * claim is on disk; rejects when it could not be written (disk full: nothing may go out).
   */
  claim(issue: number, email: string): Promise<ClaimResult> {
    return this.#writerThread().claim(issue, email);
  }

  /** Records what happened to a delivery in flight (a bounce also suppresses the address); resolves once on disk. */
  record(issue: number, email: string, transition: Transition): Promise<void> {
    return this.#writerThread().record({ t: "record", issue, email, transition });
  }

  /**
   * Run start, under the run lock: a delivery still in `sending` was in flight when an earlier run
   * crashed or was killed. The relay may have accepted it, so it becomes `unknown` and is not resent.
   */
  markUnknownAfterCrash(): { issue: number; email: string }[] {
    return this.transaction(() => {
      const rows = this.#db.prepare("SELECT issue, email FROM deliveries WHERE state = 'sending' ORDER BY issue, position").all() as {
        issue: number;
        email: string;
      }[];
      const response = "in flight when an earlier run stopped (crash or kill): it may or may not have been accepted";
      for (const r of rows) this.#writes.apply(r.issue, r.email, { kind: "crashed", response });
      return rows;
    });
  }

  /** `--resend-unknown`: puts an issue's unknown deliveries back in the queue; returns how many. */
  requeueUnknown(issue: number): number {
    return this.transaction(() => {
      const rows = this.#db.prepare("SELECT email FROM deliveries WHERE issue = ? AND state = 'unknown'").all(issue) as { email: string }[];
      for (const r of rows) this.#writes.apply(issue, r.email, { kind: "resend" });
      return rows.length;
    });
  }

  /** GDPR Art. 17: deletes what the ledger holds about the address and keeps its keyed hash (forget.ts). */
  forget(email: string, hash: string): ForgetResult {
    return forgetAddress(this.#db, email, hash, this.#iso());
  }

  /**
   * A sign-up confirmed with new consent: an earlier unsubscribe or request to be forgotten no longer
   * stands in its way (bounces, complaints and entries made by hand stay).
   */
  liftForNewConsent(email: string, hash: string): void {
    this.transaction(() => {
      this.#db.prepare("DELETE FROM suppressions WHERE email = ? AND reason = 'unsubscribe'").run(canonicalEmail(email));
      this.#db.prepare("DELETE FROM forgotten WHERE hash = ?").run(hash);
    });
  }

  /** The keyed hashes of forgotten addresses. */
  forgotten(): Set<string> {
    return forgottenHashes(this.#db);
  }

  /** Adds addresses to the suppression list in one transaction; true for each that was new. */
  suppressAll(emails: readonly string[], reason: string, source: string): boolean[] {
    return this.transaction(() => emails.map((e) => this.suppressions.suppress(e, reason, source)));
  }

  /** Progress of one issue, or null before its first send. */
  progress(issue: number): IssueProgress | null {
    return this.issues().find((p) => p.issue === issue) ?? null;
  }

  /** Progress of every issue whose audience is frozen, by issue number. */
  issues(): IssueProgress[] {
    return issueProgress(this.#db);
  }

  /** Every delivery of an issue, in audience order (reports, tests). */
  deliveries(issue: number): Delivery[] {
    return listDeliveries(this.#db, issue);
  }

  /** Closes the file; the writer thread ends after the writes already sent to it (callers await theirs first). */
  close(): void {
    void this.#writer?.close();
    this.#db.close();
  }
}
