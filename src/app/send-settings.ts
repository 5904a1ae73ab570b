/** Per-issue send settings: flags win over edition.json, which wins over the defaults. */
import type { NewsletterConfig } from "../edition/config-schema.js";
import { DEFAULT_PAUSE, DEFAULT_RETRY, type PausePolicy, type RetryPolicy } from "../send/decide.js";

export interface SendFlags {
  /** --concurrency */
  concurrency: number | null;
  /** --rate, messages per second */
  rate: number | null;
}

export interface SendSettings {
  concurrency: number;
  rate: number | null;
  retry: RetryPolicy;
  pause: PausePolicy;
}

export function sendSettings(flags: SendFlags, n: NewsletterConfig): SendSettings {
  return {
    concurrency: flags.concurrency ?? n.concurrency ?? 5,
    rate: flags.rate ?? n.rate ?? null,
    retry: n.retry ? { maxAttempts: n.retry.max_attempts, baseDelayMs: n.retry.base_delay_ms } : DEFAULT_RETRY,
    pause: n.pause ?? DEFAULT_PAUSE,
  };
}
