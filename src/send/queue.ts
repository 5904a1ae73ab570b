/**
 * In-memory order of the queued deliveries of one run, and the pacing of message starts. Both take
 * the time as an argument, so the loop's tests run on a fake clock.
 */
import type { PendingDelivery } from "./ledger/ledger.js";

export type Next = { row: PendingDelivery } | { waitMs: number } | null;

/** Ready deliveries in audience order; deferred ones (4xx) wait for their retry time. */
export class DeliveryQueue {
  readonly #ready: PendingDelivery[];
  #head = 0;
  readonly #deferred: PendingDelivery[] = [];

  constructor(rows: readonly PendingDelivery[], now: number) {
    this.#ready = rows.filter((r) => r.retryAt === null || r.retryAt <= now);
    for (const r of rows) if (r.retryAt !== null && r.retryAt > now) this.defer(r);
  }

  /** The next delivery to send, or how long until one is due, or null when nothing is left. */
  next(now: number): Next {
    const first = this.#deferred[0];
    if (first && (first.retryAt ?? 0) <= now) return { row: this.#deferred.shift() as PendingDelivery };
    if (this.#head < this.#ready.length) return { row: this.#ready[this.#head++] as PendingDelivery };
    if (first) return { waitMs: (first.retryAt ?? now) - now };
    return null;
  }

  /** Puts a delivery back to be retried at its `retryAt`. */
  defer(row: PendingDelivery): void {
    const at = row.retryAt ?? 0;
    let i = this.#deferred.length;
    while (i > 0 && (this.#deferred[i - 1]?.retryAt ?? 0) > at) i--;
    this.#deferred.splice(i, 0, row);
  }

  get size(): number {
    return this.#ready.length - this.#head + this.#deferred.length;
  }
}

/** Spaces message starts `1000 / rate` ms apart (newsletter.rate or --rate, messages per second). */
export class Pacer {
  readonly #intervalMs: number;
  #nextStart = -Infinity;

  constructor(ratePerSecond: number | null) {
    this.#intervalMs = ratePerSecond === null ? 0 : 1000 / ratePerSecond;
  }

  /** Reserves the next start slot; returns how long to wait for it. */
  reserve(now: number): number {
    if (this.#intervalMs === 0) return 0;
    const start = Math.max(now, this.#nextStart);
    this.#nextStart = start + this.#intervalMs;
    return start - now;
  }
}
