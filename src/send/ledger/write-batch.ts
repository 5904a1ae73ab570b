/**
 * Group commit: writes that arrive in the same turn of the event loop (claims and records of the
 * messages in flight) run in one IMMEDIATE transaction, so they share one fsync under
 * synchronous=FULL. Each write is applied on its own inside the transaction: a write that fails
 * (a delivery not in the state it should be in) rejects only its own promise; a failing COMMIT
 * (disk full, I/O error) rejects them all and nothing of the batch is on disk.
 */
import type Database from "better-sqlite3";

interface Op {
  apply: () => unknown;
  resolve: (value: unknown) => void;
  reject: (e: unknown) => void;
}

export class WriteBatch {
  readonly #db: Database.Database;
  #ops: Op[] = [];
  #scheduled: Promise<void> | null = null;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Queues a write; resolves with its result once the batch it belongs to is committed. */
  add<T>(apply: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#ops.push({ apply, resolve: resolve as (v: unknown) => void, reject });
      this.#scheduled ??= new Promise<void>((done) =>
        setImmediate(() => {
          this.#flush();
          done();
        }),
      );
    });
  }

  /** Resolves when no write is waiting. */
  async idle(): Promise<void> {
    while (this.#scheduled !== null) await this.#scheduled;
  }

  #flush(): void {
    const ops = this.#ops;
    this.#ops = [];
    this.#scheduled = null;
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.#db
        .transaction(() => {
          for (const op of ops) {
            try {
              results.push({ ok: true, value: op.apply() });
            } catch (error) {
              // a statement that throws wrote nothing (better-sqlite3 statements are atomic)
              results.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const op of ops) op.reject(error);
      return;
    }
    ops.forEach((op, i) => {
      const r = results[i];
      if (r?.ok) op.resolve(r.value);
      else op.reject(r?.error);
    });
  }
}
