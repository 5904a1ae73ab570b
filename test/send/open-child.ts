/**
 * One of the two processes of the ledger open race test: opens each of the given fresh ledger files
 * in turn (as `send --due`, `serve` and `status` do), takes and frees the run lock, and prints one
 * JSON line per file: ok, or the error code and message.
 * Usage: node --import tsx test/send/open-child.ts START_AT_MS FILE...
 */
import { Ledger } from "../../src/send/ledger/ledger.js";

const SLOT_MS = 15;
const [startAt = "0", ...files] = process.argv.slice(2);
const slot = new Int32Array(new SharedArrayBuffer(4));
for (const [i, file] of files.entries()) {
  // both children open file i at the same moment: startAt + i·SLOT_MS
  while (Date.now() < Number(startAt) + i * SLOT_MS) Atomics.wait(slot, 0, 0, 1);
  try {
    const ledger = new Ledger(file);
    if (ledger.lock.acquire("race-test").acquired) ledger.lock.release();
    ledger.close();
    process.stdout.write(`${JSON.stringify({ file, ok: true })}\n`);
  } catch (e) {
    const err = e as { code?: string; message: string };
    process.stdout.write(`${JSON.stringify({ file, ok: false, code: err.code, message: err.message })}\n`);
  }
}
