/**
 * The send loop's decisions, pure: what the relay's answer means for the delivery (retry, bounce,
 * unknown …), whether the run must stop, and whether too many recent failures call for a pause.
 */
import type { Transition } from "./ledger/delivery.js";
import type { RelayFailureCode, SendOutcome } from "./mailer/mailer.js";

export interface RetryPolicy {
  /** SMTP attempts per delivery before a 4xx becomes `failed` (newsletter.retry.max_attempts). */
  maxAttempts: number;
  /** First retry delay; doubled for every further attempt (newsletter.retry.base_delay_ms). */
  baseDelayMs: number;
}

export interface PausePolicy {
  /** Pause when more than this share of the last `window` attempts failed. */
  share: number;
  window: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 60_000 };
export const DEFAULT_PAUSE: PausePolicy = { share: 0.25, window: 100 };

export interface Decision {
  transition: Transition;
  /** Counts toward the pause window as a failure (true), a success (false), or not at all (null). */
  failure: boolean | null;
  /** Set when the whole run must stop at once: the relay cannot be used. */
  stop: { code: RelayFailureCode; response: string } | null;
}

/** 4xx retry delays: base, 2·base, 4·base … */
export function backoffMs(attempts: number, baseDelayMs: number): number {
  return baseDelayMs * 2 ** Math.max(0, attempts - 1);
}

/** Decides the delivery's next state from the relay's answer; `attemptsBefore` excludes this attempt. */
export function decide(outcome: SendOutcome, attemptsBefore: number, now: number, retry: RetryPolicy): Decision {
  const attempts = attemptsBefore + 1;
  const transient = (response: string): Decision =>
    attempts >= retry.maxAttempts
      ? { transition: { kind: "failed", response: `gave up after ${attempts} attempts: ${response}` }, failure: true, stop: null }
      : { transition: { kind: "deferred", response, retryAt: now + backoffMs(attempts, retry.baseDelayMs) }, failure: true, stop: null };
  switch (outcome.kind) {
    case "accepted":
      return { transition: { kind: "sent", response: outcome.response }, failure: false, stop: null };
    case "rejected":
      if (!outcome.permanent) return transient(outcome.response);
      // a 5xx for the recipient is a hard bounce; a 5xx for the content says nothing about the address
      if (outcome.stage === "recipient") return { transition: { kind: "bounced", response: outcome.response }, failure: true, stop: null };
      return { transition: { kind: "failed", response: outcome.response }, failure: true, stop: null };
    case "dropped":
      if (!outcome.maybeAccepted) return transient(outcome.response);
      return {
        transition: { kind: "unknown", response: `connection lost before the relay answered: ${outcome.response}` },
        failure: true,
        stop: null,
      };
    case "relay-failure":
      return {
        transition: { kind: "not-sent", response: outcome.response },
        failure: null,
        stop: { code: outcome.code, response: outcome.response },
      };
  }
}

/** The last `window` attempts; reports when the share of failures among them exceeds the policy. */
export class FailureWindow {
  readonly #policy: PausePolicy;
  readonly #recent: boolean[] = [];
  #failures = 0;

  constructor(policy: PausePolicy) {
    this.#policy = policy;
  }

  /** Adds an attempt; true when the run should pause. */
  push(failed: boolean): boolean {
    this.#recent.push(failed);
    if (failed) this.#failures++;
    if (this.#recent.length > this.#policy.window && this.#recent.shift() === true) this.#failures--;
    return this.#recent.length >= this.#policy.window && this.#failures / this.#recent.length > this.#policy.share;
  }

  get failures(): number {
    return this.#failures;
  }
}
