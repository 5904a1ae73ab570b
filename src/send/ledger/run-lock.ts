/**
 * One sending run at a time, per ledger. A second run would find the first run's in-flight rows in
 * `sending` and take them for leftovers of a crash. The lock is a row with the holder's pid, host and
 * start time; a lock whose process is gone (killed, crashed) is taken over.
 */
import type Database from "better-sqlite3";
import { hostname } from "node:os";
import { processAlive } from "../../lib/process.js";

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

export type LockResult = { acquired: true } | { acquired: false; holder: LockHolder };

export class RunLock {
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #isAlive: (pid: number) => boolean;

  constructor(db: Database.Database, now: () => number, isAlive: (pid: number) => boolean = processAlive) {
    this.#db = db;
    this.#now = now;
    this.#isAlive = isAlive;
  }

  /** Takes the lock for this process unless a live process holds it. */
  acquire(command: string, pid: number = process.pid, host: string = hostname()): LockResult {
    return this.#db
      .transaction((): LockResult => {
        const holder = this.holder();
        if (holder && holder.pid !== pid && this.#alive(holder, host)) return { acquired: false, holder };
        this.#db
          .prepare("INSERT OR REPLACE INTO run_lock (id, pid, host, command, started_at) VALUES (1, ?, ?, ?, ?)")
          .run(pid, host, command, new Date(this.#now()).toISOString());
        return { acquired: true };
      })
      .immediate();
  }

  /**
   * Releases the lock if this process holds it. A lock that cannot be released (the disk is full)
   * stays behind harmlessly: the next run takes it over once this process is gone.
   */
  release(pid: number = process.pid, host: string = hostname()): void {
    try {
      this.#db.prepare("DELETE FROM run_lock WHERE id = 1 AND pid = ? AND host = ?").run(pid, host);
    } catch (e) {
      if (!String((e as { code?: unknown }).code ?? "").startsWith("SQLITE_")) throw e;
    }
  }

  /** The holder if its run is still going; a lock left by a killed run is taken over by the next. */
  liveHolder(host: string = hostname()): LockHolder | null {
    const holder = this.holder();
    return holder !== null && this.#alive(holder, host) ? holder : null;
  }

  // a lock from another machine cannot be checked: it counts as alive until that run ends
  #alive(holder: LockHolder, host: string): boolean {
    return holder.host !== host || this.#isAlive(holder.pid);
  }

  holder(): LockHolder | null {
    const row = this.#db.prepare("SELECT pid, host, command, started_at FROM run_lock WHERE id = 1").get() as
      | { pid: number; host: string; command: string; started_at: string }
      | undefined;
    return row ? { pid: row.pid, host: row.host, command: row.command, startedAt: row.started_at } : null;
  }
}
