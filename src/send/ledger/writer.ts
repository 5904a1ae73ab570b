/** The send loop's side of the ledger's writer thread (writer-worker.ts): claims and records as promises. */
import type { Worker } from "node:worker_threads";
import { startWorker } from "../../lib/workers.js";
import type { ClaimResult, WriteOp } from "./write-ops.js";
import type { Durability } from "./schema.js";
import type { FromWriter, ToWriter } from "./writer-worker.js";

export class LedgerWriter {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly #now: () => number;
  #seq = 0;
  #closed: Promise<void> | null = null;

  constructor(file: string, now: () => number, durability: Durability) {
    this.#now = now;
    this.#worker = startWorker(import.meta.url, "writer-worker", { workerData: { file, durability } });
    this.#worker.on("message", (m: FromWriter) => this.#onMessage(m));
    this.#worker.on("error", (e) => this.#failAll(e));
    // an idle writer must not keep a finished command alive
    this.#worker.unref();
  }

  #onMessage(m: FromWriter): void {
    if (m.t === "closed") return;
    const p = this.#pending.get(m.id);
    if (!p) return;
    this.#pending.delete(m.id);
    if (m.t === "done") p.resolve(m.value);
    else p.reject(Object.assign(new Error(m.message), m.code === null ? {} : { code: m.code }));
    if (this.#pending.size === 0) this.#worker.unref();
  }

  #failAll(e: Error): void {
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }

  #send(op: WriteOp): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error("the ledger is closed"));
    const id = this.#seq++;
    this.#worker.ref();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ t: "op", id, op, now: this.#now() } satisfies ToWriter);
    });
  }

  claim(issue: number, email: string): Promise<ClaimResult> {
    return this.#send({ t: "claim", issue, email }) as Promise<ClaimResult>;
  }

  record(op: Extract<WriteOp, { t: "record" }>): Promise<void> {
    return this.#send(op) as Promise<void>;
  }

  /** Waits for the writes in flight, closes the thread's connection, ends the thread. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      this.#worker.ref();
      this.#worker.on("message", (m: FromWriter) => {
        if (m.t === "closed") void this.#worker.terminate().then(() => resolve());
      });
      this.#worker.once("exit", () => resolve());
      this.#worker.postMessage({ t: "close" } satisfies ToWriter);
    });
    return this.#closed;
  }
}
