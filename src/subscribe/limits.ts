/**
 * How often the sign-up may act. A confirmation mail goes to an address nobody has proven to own, so
 * without limits the form mails strangers on a bot's behalf (and our relay's reputation pays).
 * Times are milliseconds since 1970 and always passed in: no function here reads the clock.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type LimitReason = "address-too-soon" | "address-daily-cap" | "ip-rate" | "global-hourly-cap";

/** Allowed, or which limit was hit and when the next attempt could pass (for the log, not the person). */
export type LimitDecision = { ok: true } | { ok: false; reason: LimitReason; retryAfterMs: number };

export interface AddressLimits {
  /** Least time between two confirmation mails to one address (default 10 minutes). */
  minGapMs: number;
  /** At most this many confirmation mails to one address per rolling 24 hours (default 3). */
  perDay: number;
}
export const DEFAULT_ADDRESS_LIMITS: AddressLimits = { minGapMs: 10 * MINUTE, perDay: 3 };

const ALLOWED: LimitDecision = { ok: true };

/** May one more confirmation mail go to this address? `sentAt`: the earlier ones, as the ledger has them. */
export function addressMailAllowed(sentAt: readonly number[], now: number, limits: AddressLimits = DEFAULT_ADDRESS_LIMITS): LimitDecision {
  const lastDay = sentAt.filter((t) => t > now - 24 * HOUR).sort((a, b) => a - b);
  const latest = lastDay.at(-1);
  if (latest !== undefined && now - latest < limits.minGapMs) {
    return { ok: false, reason: "address-too-soon", retryAfterMs: latest + limits.minGapMs - now };
  }
  const oldest = lastDay[lastDay.length - limits.perDay];
  if (oldest !== undefined) return { ok: false, reason: "address-daily-cap", retryAfterMs: oldest + 24 * HOUR - now };
  return ALLOWED;
}

/** Default cap on confirmation mails per rolling hour for the whole list. */
export const DEFAULT_GLOBAL_MAILS_PER_HOUR = 200;

/** May one more confirmation mail go out at all? `sentAt`: the list's confirmation mails of (at least) the last hour. */
export function globalMailAllowed(sentAt: readonly number[], now: number, perHour = DEFAULT_GLOBAL_MAILS_PER_HOUR): LimitDecision {
  const lastHour = sentAt.filter((t) => t > now - HOUR).sort((a, b) => a - b);
  const oldest = lastHour[lastHour.length - perHour];
  return oldest === undefined ? ALLOWED : { ok: false, reason: "global-hourly-cap", retryAfterMs: oldest + HOUR - now };
}

export interface IpRateOptions {
  /** Requests per window and client (default 20). */
  limit?: number;
  /** The sliding window (default one hour). */
  windowMs?: number;
  /** Clients remembered at once (default 10,000); the one seen longest ago is forgotten first. */
  maxTracked?: number;
}

/**
 * A sliding-window rate per client, held in memory with a bounded size: at most `limit` times per
 * client and `maxTracked` clients. Key it with ip.ts `rateLimitKey` so one IPv6 /64 is one client.
 * Only allowed requests are counted, so a client that keeps trying is let in again as its own
 * earlier requests leave the window.
 */
export class IpRateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #maxTracked: number;
  // insertion order is recency order: every hit re-inserts its client at the end
  readonly #hits = new Map<string, number[]>();

  constructor(options: IpRateOptions = {}) {
    this.#limit = options.limit ?? 20;
    this.#windowMs = options.windowMs ?? HOUR;
    this.#maxTracked = options.maxTracked ?? 10_000;
    if (this.#limit < 1 || this.#maxTracked < 1) throw new RangeError("limit and maxTracked must be at least 1");
  }

  /** Decides one request of `client` at `now` and counts it when it is allowed. */
  hit(client: string, now: number): LimitDecision {
    const times = (this.#hits.get(client) ?? []).filter((t) => t > now - this.#windowMs);
    this.#hits.delete(client);
    const oldest = times[times.length - this.#limit];
    const decision: LimitDecision =
      oldest === undefined ? ALLOWED : { ok: false, reason: "ip-rate", retryAfterMs: oldest + this.#windowMs - now };
    if (decision.ok) times.push(now);
    this.#hits.set(client, times);
    if (this.#hits.size > this.#maxTracked) {
      const longestAgo = this.#hits.keys().next().value;
      if (longestAgo !== undefined) this.#hits.delete(longestAgo);
    }
    return decision;
  }

  /** How many clients are remembered now (for tests and the status log). */
  get tracked(): number {
    return this.#hits.size;
  }
}
