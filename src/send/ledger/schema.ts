/**
 * Opening the ledger file: pragmas and schema migrations (numbered by SQLite's `user_version`).
 * A later issue adds a migration by appending to MIGRATIONS; never edit a released one.
 */
import Database from "better-sqlite3";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import path from "node:path";
import { KoepfeError } from "../../lib/errors.js";

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE issues (
     issue INTEGER PRIMARY KEY,
     audience_frozen_at TEXT NOT NULL,
     audience_size INTEGER NOT NULL
   );
   CREATE TABLE deliveries (
     issue INTEGER NOT NULL REFERENCES issues(issue),
     email TEXT NOT NULL,
     first_name TEXT,
     position INTEGER NOT NULL,
     message_id TEXT NOT NULL,
     state TEXT NOT NULL DEFAULT 'queued'
       CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'bounced', 'unknown', 'suppressed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     response TEXT,
     retry_at INTEGER,
     updated_at TEXT NOT NULL,
     sent_at TEXT,
     PRIMARY KEY (issue, email)
   );
   CREATE INDEX deliveries_by_state ON deliveries (issue, state, position);
   -- NOCASE: an unsubscribe from "Anna@Example.org" also stops mail to "anna@example.org"
   CREATE TABLE suppressions (
     email TEXT PRIMARY KEY COLLATE NOCASE,
     reason TEXT NOT NULL,
     source TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE run_lock (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     pid INTEGER NOT NULL,
     host TEXT NOT NULL,
     command TEXT NOT NULL,
     started_at TEXT NOT NULL
   );`,
  // the published state of a countdown (rank/pinned.ts) and who approved what (issue 11)
  `CREATE TABLE edition_identity (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     list_id TEXT NOT NULL,
     year INTEGER NOT NULL,
     title TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE published_issues (
     issue INTEGER PRIMARY KEY,
     published_at TEXT NOT NULL,
     send_at TEXT,
     content_hash TEXT NOT NULL,
     -- the compiled issue as it went out: a resumed send sends exactly this
     compiled TEXT NOT NULL
   );
   CREATE TABLE published_entries (
     nominee_id TEXT PRIMARY KEY,
     issue INTEGER NOT NULL REFERENCES published_issues(issue),
     position INTEGER NOT NULL UNIQUE,
     rank INTEGER,
     points REAL,
     category TEXT NOT NULL,
     category_rank INTEGER,
     name TEXT NOT NULL,
     company TEXT NOT NULL,
     role TEXT NOT NULL
   );
   CREATE TABLE approvals (
     issue INTEGER NOT NULL,
     content_hash TEXT NOT NULL,
     approved_by TEXT NOT NULL,
     approved_at TEXT NOT NULL,
     -- what was approved, to say what changed since: subject, entry ids, part hashes
     summary TEXT NOT NULL,
     PRIMARY KEY (issue, content_hash)
   );`,
  // bounces and complaints after the send (issue 12): every report once, what it said per address
  `CREATE INDEX deliveries_by_message_id ON deliveries (message_id);
   CREATE INDEX deliveries_by_email ON deliveries (email COLLATE NOCASE, issue);
   CREATE TABLE bounce_reports (
     -- the report's own Message-ID, "sha256:<hex>" of its bytes, or "<provider>:<event id>"
     report_id TEXT PRIMARY KEY,
     source TEXT NOT NULL,
     kind TEXT NOT NULL,
     -- a message that could not be read: its code and message, kept so nothing goes unnoticed
     error TEXT,
     received_at TEXT NOT NULL
   );
   CREATE TABLE bounce_events (
     report_id TEXT NOT NULL REFERENCES bounce_reports(report_id),
     email TEXT NOT NULL COLLATE NOCASE,
     class TEXT NOT NULL CHECK (class IN ('hard', 'soft', 'policy', 'complaint', 'none')),
     status TEXT,
     reason TEXT NOT NULL,
     diagnostic TEXT NOT NULL,
     issue INTEGER,
     matched_by TEXT NOT NULL CHECK (matched_by IN ('verp', 'message-id', 'recipient', 'none')),
     action TEXT NOT NULL,
     occurred_at TEXT NOT NULL,
     PRIMARY KEY (report_id, email)
   );
   CREATE INDEX bounce_events_by_issue ON bounce_events (issue, class);
   CREATE INDEX bounce_events_by_email ON bounce_events (email, class);`,
  // sign-ups with their proof of consent, and the addresses forgotten on request (issue 13)
  `CREATE TABLE subscriptions (
     email TEXT PRIMARY KEY COLLATE NOCASE,
     first_name TEXT,
     state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'unsubscribed')),
     -- the current confirmation link's nonce: an older link is "used"
     nonce TEXT NOT NULL,
     consent_version TEXT NOT NULL,
     consent_text TEXT NOT NULL,
     requested_at TEXT NOT NULL,
     request_ip TEXT,
     user_agent TEXT,
     confirm_message_id TEXT,
     confirm_sent_at TEXT,
     confirmed_at TEXT,
     confirm_ip TEXT,
     confirm_user_agent TEXT,
     unsubscribed_at TEXT
   );
   CREATE TABLE confirm_mails (
     email TEXT NOT NULL COLLATE NOCASE,
     sent_at INTEGER NOT NULL
   );
   CREATE INDEX confirm_mails_by_email ON confirm_mails (email, sent_at);
   CREATE INDEX confirm_mails_by_time ON confirm_mails (sent_at);
   -- GDPR Art. 17: only a keyed hash of a forgotten address is kept, so no stale row brings it back
   CREATE TABLE forgotten (
     hash TEXT PRIMARY KEY,
     forgotten_at TEXT NOT NULL
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * How each commit reaches the disk. FULL (koepfe's choice): a commit is fsynced before `run()`
 * returns, so a `sending` claim survives a power cut, not only a crashed or killed process — a lost
 * claim would mean a second copy of the issue for that recipient. The send loop's claims and records
 * go through the writer thread (writer.ts) in group commits (write-batch.ts), so the fsyncs neither
 * stall the loop nor limit the send; NORMAL stays for the benchmark's comparison
 * (scripts/bench/send.bench.ts).
 */
export type Durability = "NORMAL" | "FULL";

export interface OpenOptions {
  durability?: Durability;
}

/**
 * The ledger holds subscriber addresses and names: its folder is created 0700 and the file 0600
 * before SQLite opens it (SQLite gives the -wal and -shm files the mode of the database file).
 * An existing file with looser permissions is tightened.
 */
function createPrivately(file: string): void {
  const dir = path.dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  // the edition's own state folder holds the ledger and the dry runs' messages: nobody else reads it
  if (path.basename(dir) === ".koepfe") tighten(dir, 0o700);
  closeSync(openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) tighten(f, 0o600);
}

function tighten(file: string, mode: number): void {
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, mode);
  } catch {
    // a file that does not exist yet, or that belongs to somebody else: nothing to tighten
  }
}

/** Opens (creating the folder and file when missing) and migrates the ledger. */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  let db: Database.Database;
  try {
    createPrivately(file);
    db = new Database(file);
    // the unsubscribe server writes suppressions into this file while a send runs: wait, don't fail
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    enableWal(db);
  } catch (e) {
    throw new KoepfeError("E_LEDGER_UNREADABLE", `cannot open the delivery ledger ${file}: ${(e as Error).message}`, { cause: e });
  }
  db.pragma(`synchronous = ${options.durability ?? "FULL"}`);
  // deleted personal data is overwritten, not only unlinked (unsubscribes, `koepfe forget`)
  db.pragma("secure_delete = ON");
  db.pragma("foreign_keys = ON");
  migrate(db, file);
  return db;
}

const BUSY_TIMEOUT_MS = 10_000;

/**
 * Switches a fresh file to WAL. SQLite answers SQLITE_BUSY at once, without calling the busy
 * handler, when another connection switches the same fresh file at the same moment (two cron runs
 * started together did: 7 of 40 tries failed with "database is locked"), so retry here.
 */
function enableWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

function migrate(db: Database.Database, file: string): void {
  const version = () => Number(db.pragma("user_version", { simple: true }));
  if (version() === SCHEMA_VERSION) return;
  // IMMEDIATE: two processes opening a fresh file at once must not both run the migrations
  db.transaction(() => {
    const from = version();
    if (from > SCHEMA_VERSION) {
      throw new KoepfeError(
        "E_LEDGER_TOO_NEW",
        `the delivery ledger ${file} was written by a newer koepfe (schema ${from}, this one knows ${SCHEMA_VERSION}); update koepfe`,
      );
    }
    for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v] ?? "");
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
