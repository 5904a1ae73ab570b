/**
 * GDPR Art. 17 in the ledger: everything held about one address goes — the sign-up and its consent
 * record, the confirmation mails, the bounce reports' lines about it, the suppression entry — and
 * its deliveries keep only a placeholder (the counts of each issue stay true). What remains is a
 * keyed hash in `forgotten`, which keeps the address out of every later audience.
 */
import type Database from "better-sqlite3";
import { canonicalEmail } from "../../lib/token.js";

export interface ForgetResult {
  /** A sign-up (with its consent record) was deleted. */
  subscription: boolean;
  confirmMails: number;
  /** Deliveries whose address and name were replaced by a placeholder. */
  deliveries: number;
  bounceEvents: number;
  /** A suppression entry was replaced by the hash. */
  suppression: boolean;
}

export function forgetAddress(db: Database.Database, email: string, hash: string, now: string): ForgetResult {
  const address = canonicalEmail(email);
  const placeholder = `forgotten-${hash.slice(0, 16)}@forgotten.invalid`;
  const result = db
    .transaction((): ForgetResult => {
      const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params).changes;
      // a queued delivery must not go out any more; the rest keep their state for the counts
      run("UPDATE deliveries SET state = 'suppressed', response = NULL, updated_at = ? WHERE email = ? AND state = 'queued'", now, address);
      const deleted: ForgetResult = {
        subscription: run("DELETE FROM subscriptions WHERE email = ?", address) > 0,
        confirmMails: run("DELETE FROM confirm_mails WHERE email = ?", address),
        deliveries: run(
          "UPDATE deliveries SET email = ?, first_name = NULL, response = NULL WHERE email = ? COLLATE NOCASE",
          placeholder,
          address,
        ),
        bounceEvents: run("DELETE FROM bounce_events WHERE email = ?", address),
        suppression: run("DELETE FROM suppressions WHERE email = ?", address) > 0,
      };
      run("INSERT INTO forgotten (hash, forgotten_at) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING", hash, now);
      return deleted;
    })
    .immediate();
  // earlier writes may have left copies in free pages and in the write-ahead log: rebuild the file
  // (VACUUM) and empty the log, so the address is in no byte of the ledger any more
  db.exec("VACUUM");
  db.pragma("wal_checkpoint(TRUNCATE)");
  return result;
}

/** The hashes of forgotten addresses (compare with lib/token.ts forgetHash). */
export function forgottenHashes(db: Database.Database): Set<string> {
  return new Set((db.prepare("SELECT hash FROM forgotten").all() as { hash: string }[]).map((r) => r.hash));
}
