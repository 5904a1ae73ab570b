/**
 * Whether the next issue may start, judged by what came back from the last one that went out
 * (send/rate-gate.ts). `send --due` holds it (exit 4); `send ISSUE` by hand asks for --despite-rates.
 */
import type { NewsletterConfig } from "../edition/config-schema.js";
import { EXIT, KoepfeError } from "../lib/errors.js";
import type { Ledger } from "../send/ledger/ledger.js";
import { describeExceeded, rateVerdict, type RateLimits, type RateVerdict } from "../send/rate-gate.js";

export function limitsOf(newsletter: NewsletterConfig): RateLimits {
  return { maxComplaintRate: newsletter.max_complaint_rate, maxHardBounceRate: newsletter.max_hard_bounce_rate };
}

/** The verdict on the last issue before `issue` that went out, or null (none did, or `issue` has started already). */
export function rateCheck(ledger: Ledger, issue: number, newsletter: NewsletterConfig): RateVerdict | null {
  if (ledger.progress(issue) !== null) return null; // a started issue is finished, not held
  const before = ledger
    .issues()
    .map((p) => p.issue)
    .filter((n) => n < issue)
    .sort((a, b) => b - a);
  for (const n of before) {
    const figures = ledger.bounces.figures(n);
    if (figures.delivered > 0) return rateVerdict(figures, limitsOf(newsletter));
  }
  return null;
}

/** The sentence that says why the issue waits and what to do. */
export function heldMessage(issue: number, v: RateVerdict, newsletter: NewsletterConfig): string {
  return (
    `issue ${issue} is held: issue ${v.figures.issue} drew ${describeExceeded(v, limitsOf(newsletter))}. ` +
    `Those addresses are suppressed already; find the cause first ("koepfe status" shows the figures; a stale list, ` +
    `a misleading subject, a missing unsubscribe link), then send it by hand: koepfe send ${issue} --despite-rates`
  );
}

/** Throws E_RATES (exit 4) when the last issue's rates hold `issue` back, unless the editor said --despite-rates. */
export function assertRatesAllow(ledger: Ledger, issue: number, newsletter: NewsletterConfig, despite: boolean): void {
  const v = rateCheck(ledger, issue, newsletter);
  if (v === null || v.exceeded.length === 0 || despite) return;
  throw new KoepfeError("E_RATES", heldMessage(issue, v, newsletter), { exitCode: EXIT.stopped });
}
