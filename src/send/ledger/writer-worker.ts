/**
 * The ledger's writer thread. With synchronous=FULL every commit waits for the disk (an fsync, a few
 * milliseconds on a virtual disk); on the send loop's thread those waits stalled everything else
 * (10 of 22 s of a 20,000-message send). Here they stall only this thread, and every claim and
 * record that arrives while a commit waits goes into the next one (write-batch.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase, type Durability } from "./schema.js";
import { WriteBatch } from "./write-batch.js";
import { DeliveryWrites, type WriteOp } from "./write-ops.js";

export type ToWriter = { t: "op"; id: number; op: WriteOp; now: number } | { t: "close" };
export type FromWriter =
  | { t: "done"; id: number; value: unknown }
  | { t: "failed"; id: number; message: string; code: string | null }
  | { t: "closed" };

const port = parentPort;
if (port === null) throw new Error("writer-worker.ts runs as a worker thread");
const setup = workerData as { file: string; durability: Durability };
const db = openDatabase(setup.file, { durability: setup.durability });
// each op carries the loop's clock, so a test's fake time is what the ledger records
let now = Date.now();
const writes = new DeliveryWrites(db, () => now);
const batch = new WriteBatch(db);

port.on("message", (m: ToWriter) => {
  if (m.t === "close") {
    void batch.idle().then(() => {
      db.close();
      port.postMessage({ t: "closed" } satisfies FromWriter);
    });
    return;
  }
  batch
    .add(() => {
      now = m.now;
      return writes.run(m.op);
    })
    .then(
      (value) => port.postMessage({ t: "done", id: m.id, value } satisfies FromWriter),
      (e: unknown) => {
        const err = e as { message?: unknown; code?: unknown };
        port.postMessage({
          t: "failed",
          id: m.id,
          message: String(err.message ?? e),
          code: typeof err.code === "string" ? err.code : null,
        } satisfies FromWriter);
      },
    );
});
