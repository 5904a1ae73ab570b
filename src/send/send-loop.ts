/**
 * The send loop of one issue. `concurrency` slots each take the next queued delivery and hand it to
 * the mailer, which composes it and then lets the loop claim it in the ledger (`sending`, on disk,
 * after a last look at the suppression list) before the SMTP transaction; the answer is recorded
 * (on disk) before the slot takes the next. A ledger that cannot be written stops the run at once:
 * nothing goes out that is not claimed. Decisions are pure (decide.ts); the clock, sleep, ledger
 * and mailer are passed in.
 */
import type { ClaimResult, Ledger, PendingDelivery } from "./ledger/ledger.js";
import type { Mailer } from "./mailer/mailer.js";
import type { MessageSource } from "./source.js";
import { decide, FailureWindow, type PausePolicy, type RetryPolicy } from "./decide.js";
import { DeliveryQueue, Pacer } from "./queue.js";
import { emptyTally, type SendRunResult, type StopReason } from "./run-result.js";

/** SQLite could not write (disk full, I/O error, read-only file): a stop, not a bug. */
const isStorageError = (e: unknown) =>
  /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED)/.test(String((e as { code?: unknown }).code ?? ""));

export type DeliveryEvent = "sent" | "deferred" | "failed" | "bounced" | "unknown" | "suppressed" | "not-sent";

export interface SendEvents {
  start(info: { issue: number; audience: number; pending: number; unknownAfterCrash: number; requeued: number }): void;
  delivery(info: { email: string; event: DeliveryEvent; response: string; attempts: number }): void;
  stop(reason: StopReason): void;
}

export interface SendLoopDeps {
  ledger: Pick<Ledger, "markUnknownAfterCrash" | "requeueUnknown" | "pending" | "claim" | "record" | "progress">;
  mailer: Mailer;
  source: MessageSource;
  events: SendEvents;
  /** Epoch ms. */
  clock: () => number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Ctrl-C: finish the messages in flight, then stop. */
  signal: AbortSignal;
}

export interface SendLoopOptions {
  issue: number;
  concurrency: number;
  /** Messages per second; null: as fast as the relay takes them. */
  rate: number | null;
  retry: RetryPolicy;
  pause: PausePolicy;
  resendUnknown: boolean;
}

/** Sends the queued deliveries of an issue whose audience is frozen; call under the run lock. */
export async function runSendLoop(deps: SendLoopDeps, opts: SendLoopOptions): Promise<SendRunResult> {
  const { ledger, clock, events, issue } = { ...deps, issue: opts.issue };
  const unknownAfterCrash = ledger.markUnknownAfterCrash();
  const requeued = opts.resendUnknown ? ledger.requeueUnknown(issue) : 0;
  const before = ledger.progress(issue);
  if (before === null) throw new Error(`issue ${issue} has no frozen audience`);
  const skipped = before.counts.sent + before.counts.failed + before.counts.bounced + before.counts.suppressed;
  const queue = new DeliveryQueue(ledger.pending(issue), clock());
  events.start({ issue, audience: before.audienceSize, pending: queue.size, unknownAfterCrash: unknownAfterCrash.length, requeued });

  const tally = emptyTally();
  const pacer = new Pacer(opts.rate);
  const window = new FailureWindow(opts.pause);
  let stop: StopReason | null = null;
  let crash: unknown = null;
  const halt = (reason: StopReason) => {
    if (stop !== null) return;
    stop = reason;
    events.stop(reason);
  };
  const onAbort = () => halt({ kind: "interrupted" });
  if (deps.signal.aborted) onAbort();
  deps.signal.addEventListener("abort", onAbort);

  async function deliver(row: PendingDelivery): Promise<void> {
    let suppressedFor: string | null = null;
    const claim = async () => {
      // composed while the run was stopping: it stays queued for the next run
      if (stop !== null) return false;
      let c: ClaimResult;
      try {
        c = await ledger.claim(issue, row.email);
      } catch (e) {
        // the claim is not on disk (disk full, I/O error): this message must not go out, nor any other
        if (!isStorageError(e)) throw e;
        halt({ kind: "ledger", response: (e as Error).message });
        return false;
      }
      if (!c.claimed) {
        suppressedFor = c.reason;
        return false;
      }
      // the run was stopped while the claim was being written: the delivery goes back to the queue
      if (stop !== null) {
        await ledger.record(issue, row.email, { kind: "not-sent", response: "the run stopped before this message went out" });
        return false;
      }
      return true;
    };
    const message = {
      envelope: { from: deps.source.envelopeFrom(row), to: row.email },
      messageId: row.messageId,
      template: deps.source.template,
      fill: deps.source.fill(row, clock()),
    };
    const outcome = await deps.mailer.send(message, claim);
    if (outcome === null) {
      if (suppressedFor === null) return;
      tally.suppressed++;
      events.delivery({ email: row.email, event: "suppressed", response: suppressedFor, attempts: row.attempts });
      return;
    }
    const d = decide(outcome, row.attempts, clock(), opts.retry);
    try {
      await ledger.record(issue, row.email, d.transition);
    } catch (e) {
      // the answer is not on disk: the delivery stays `sending` and becomes `unknown` at the next start
      if (!isStorageError(e)) throw e;
      halt({ kind: "ledger", response: (e as Error).message });
      return;
    }
    const t = d.transition;
    if (t.kind === "deferred") queue.defer({ ...row, attempts: row.attempts + 1, retryAt: t.retryAt });
    if (t.kind === "sent" || t.kind === "deferred" || t.kind === "failed" || t.kind === "bounced" || t.kind === "unknown") tally[t.kind]++;
    events.delivery({
      email: row.email,
      event: t.kind as DeliveryEvent,
      response: "response" in t ? t.response : "",
      attempts: row.attempts + (t.kind === "not-sent" ? 0 : 1),
    });
    if (d.stop) halt({ kind: "relay", ...d.stop });
    if (d.failure !== null && window.push(d.failure)) halt({ kind: "paused", failures: window.failures, window: opts.pause.window });
  }

  async function slot(): Promise<void> {
    while (stop === null) {
      const next = queue.next(clock());
      if (next === null) return;
      if ("waitMs" in next) {
        await deps.sleep(next.waitMs, deps.signal);
        continue;
      }
      const wait = pacer.reserve(clock());
      if (wait > 0) await deps.sleep(wait, deps.signal);
      // stopped while waiting: the row is still `queued` in the ledger, the next run takes it
      if (stop !== null) return;
      try {
        await deliver(next.row);
      } catch (e) {
        // a bug or a broken worker: stop taking rows, let the others finish, then rethrow
        crash ??= e;
        stop ??= { kind: "interrupted" };
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: opts.concurrency }, slot));
  } finally {
    deps.signal.removeEventListener("abort", onAbort);
  }
  if (crash !== null) throw crash;
  const totals = ledger.progress(issue) ?? before;
  return { issue, run: tally, unknownAfterCrash, requeued, skipped, totals, stop };
}
