/**
 * Sign-ups through `koepfe serve`, in the ledger: per address the state (pending → confirmed →
 * unsubscribed) and the whole proof of consent a German court asks for (BGH I ZR 164/09): the exact
 * wording and its version, when and from where it was requested, the confirmation mail, when and
 * from where it was confirmed. Also the times of confirmation mails, for the sign-up limits.
 */
import type Database from "better-sqlite3";
import { canonicalEmail } from "../../lib/token.js";

export type SubscriptionState = "pending" | "confirmed" | "unsubscribed";

export interface Subscription {
  email: string;
  firstName: string | null;
  state: SubscriptionState;
  nonce: string;
  consentVersion: string;
  consentText: string;
  requestedAt: string;
  requestIp: string | null;
  userAgent: string | null;
  confirmMessageId: string | null;
  confirmSentAt: string | null;
  confirmedAt: string | null;
  confirmIp: string | null;
  confirmUserAgent: string | null;
  unsubscribedAt: string | null;
}

export interface SignUpRecord {
  email: string;
  firstName: string | null;
  nonce: string;
  consentVersion: string;
  consentText: string;
  ip: string | null;
  userAgent: string | null;
}

type Row = {
  email: string;
  first_name: string | null;
  state: SubscriptionState;
  nonce: string;
  consent_version: string;
  consent_text: string;
  requested_at: string;
  request_ip: string | null;
  user_agent: string | null;
  confirm_message_id: string | null;
  confirm_sent_at: string | null;
  confirmed_at: string | null;
  confirm_ip: string | null;
  confirm_user_agent: string | null;
  unsubscribed_at: string | null;
};

const fromRow = (r: Row): Subscription => ({
  email: r.email,
  firstName: r.first_name,
  state: r.state,
  nonce: r.nonce,
  consentVersion: r.consent_version,
  consentText: r.consent_text,
  requestedAt: r.requested_at,
  requestIp: r.request_ip,
  userAgent: r.user_agent,
  confirmMessageId: r.confirm_message_id,
  confirmSentAt: r.confirm_sent_at,
  confirmedAt: r.confirmed_at,
  confirmIp: r.confirm_ip,
  confirmUserAgent: r.confirm_user_agent,
  unsubscribedAt: r.unsubscribed_at,
});

export class Subscriptions {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  #iso(): string {
    return new Date(this.#now()).toISOString();
  }

  get(email: string): Subscription | null {
    const row = this.#db.prepare("SELECT * FROM subscriptions WHERE email = ?").get(canonicalEmail(email)) as Row | undefined;
    return row === undefined ? null : fromRow(row);
  }

  all(): Subscription[] {
    return (this.#db.prepare("SELECT * FROM subscriptions ORDER BY requested_at, email").all() as Row[]).map(fromRow);
  }

  /** Confirmed sign-ups, in the order they were requested: part of every issue's audience. */
  confirmed(): Subscription[] {
    return (this.#db.prepare("SELECT * FROM subscriptions WHERE state = 'confirmed' ORDER BY requested_at, email").all() as Row[]).map(
      fromRow,
    );
  }

  /**
   * A sign-up that will get a confirmation mail: a new address (or one that left) becomes pending
   * with this request's consent and a new nonce (older links stop working); the mail is counted
   * for the limits at once, so a flood of requests cannot outrun them.
   */
  request(r: SignUpRecord): void {
    const now = this.#iso();
    this.#db
      .transaction(() => {
        this.#db
          .prepare(
            `INSERT INTO subscriptions (email, first_name, state, nonce, consent_version, consent_text, requested_at, request_ip, user_agent)
             VALUES (@email, @firstName, 'pending', @nonce, @consentVersion, @consentText, @now, @ip, @userAgent)
             ON CONFLICT (email) DO UPDATE SET first_name = @firstName, state = 'pending', nonce = @nonce,
               consent_version = @consentVersion, consent_text = @consentText, requested_at = @now, request_ip = @ip,
               user_agent = @userAgent, confirm_message_id = NULL, confirm_sent_at = NULL, confirmed_at = NULL,
               confirm_ip = NULL, confirm_user_agent = NULL, unsubscribed_at = NULL
             WHERE state != 'confirmed'`,
          )
          .run({ ...r, email: canonicalEmail(r.email), now });
        this.#db.prepare("INSERT INTO confirm_mails (email, sent_at) VALUES (?, ?)").run(canonicalEmail(r.email), this.#now());
      })
      .immediate();
  }

  /** The confirmation mail went out (the relay accepted it). */
  mailSent(email: string, nonce: string, messageId: string): void {
    this.#db
      .prepare("UPDATE subscriptions SET confirm_message_id = ?, confirm_sent_at = ? WHERE email = ? AND nonce = ?")
      .run(messageId, this.#iso(), canonicalEmail(email), nonce);
  }

  /** Epoch ms of the confirmation mails to one address (or all, for the global cap) since `since`. */
  mailTimes(since: number, email?: string): number[] {
    const rows =
      email === undefined
        ? this.#db.prepare("SELECT sent_at FROM confirm_mails WHERE sent_at > ?").all(since)
        : this.#db.prepare("SELECT sent_at FROM confirm_mails WHERE email = ? AND sent_at > ?").all(canonicalEmail(email), since);
    return (rows as { sent_at: number }[]).map((r) => r.sent_at);
  }

  /** The pending sign-up with this nonce becomes confirmed; false when there is none (confirmed already, a newer link, gone). */
  confirm(email: string, nonce: string, from: { ip: string | null; userAgent: string | null }): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE subscriptions SET state = 'confirmed', confirmed_at = ?, confirm_ip = ?, confirm_user_agent = ?
           WHERE email = ? AND nonce = ? AND state = 'pending'`,
        )
        .run(this.#iso(), from.ip, from.userAgent, canonicalEmail(email), nonce).changes === 1
    );
  }

  /** The subscriber left (one-click or the unsubscribe page): the record stays, as proof of what was agreed. */
  unsubscribe(email: string): void {
    this.#db
      .prepare("UPDATE subscriptions SET state = 'unsubscribed', unsubscribed_at = ? WHERE email = ? AND state != 'unsubscribed'")
      .run(this.#iso(), canonicalEmail(email));
  }
}
