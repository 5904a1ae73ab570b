/**
 * The suppression list: addresses that never get mail again (unsubscribes, hard bounces, requests by
 * letter or phone). It lives in the ledger and wins over a subscribers.csv that still says confirmed.
 * The unsubscribe server writes here while a send runs; the sender reads it right before each message.
 */
import type Database from "better-sqlite3";
import { canonicalEmail } from "../../lib/token.js";

export interface Suppression {
  email: string;
  /** Why: "unsubscribe", "bounce: 550 5.1.1 …", or the text given to `koepfe suppress --reason`. */
  reason: string;
  /** Who added it: "one-click", "send issue 3", "koepfe suppress". */
  source: string;
  createdAt: string;
}

export class SuppressionList {
  readonly #insert: Database.Statement<[string, string, string, string]>;
  readonly #find: Database.Statement<[string], { reason: string }>;
  readonly #all: Database.Statement<[], { email: string; reason: string; source: string; created_at: string }>;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#insert = db.prepare(
      "INSERT INTO suppressions (email, reason, source, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (email) DO NOTHING",
    );
    this.#find = db.prepare("SELECT reason FROM suppressions WHERE email = ?");
    this.#all = db.prepare("SELECT email, reason, source, created_at FROM suppressions ORDER BY created_at, email");
    this.#now = now;
  }

  /** Adds the address; false when it was already suppressed (the first reason is kept). */
  suppress(email: string, reason: string, source: string): boolean {
    return this.#insert.run(canonicalEmail(email), reason, source, new Date(this.#now()).toISOString()).changes === 1;
  }

  /** The reason the address is suppressed, or null. Case-insensitive. */
  reasonFor(email: string): string | null {
    return this.#find.get(canonicalEmail(email))?.reason ?? null;
  }

  list(): Suppression[] {
    return this.#all.all().map((r) => ({ email: r.email, reason: r.reason, source: r.source, createdAt: r.created_at }));
  }

  /** Lower-cased addresses, for filtering a whole subscribers.csv at once. */
  lowerCasedSet(): Set<string> {
    return new Set(this.#all.all().map((r) => r.email.toLowerCase()));
  }
}
