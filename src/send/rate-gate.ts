/**
 * The brake between two issues: when the last issue drew too many complaints or hard bounces, the
 * next one waits for a person (mailbox providers block senders above about 0.3 % spam complaints,
 * Gmail's bulk-sender rule; many hard bounces mean a stale list). Pure.
 */
import type { IssueBounceFigures } from "./ledger/bounces.js";

export interface RateLimits {
  /** newsletter.max_complaint_rate, a share (0.003 = 0.3 %). */
  maxComplaintRate: number;
  /** newsletter.max_hard_bounce_rate, a share (0.05 = 5 %). */
  maxHardBounceRate: number;
}

export interface RateVerdict {
  figures: IssueBounceFigures;
  complaintRate: number;
  hardRate: number;
  /** What reached its limit; empty: the next issue may go. */
  exceeded: ("complaints" | "hard bounces")[];
}

export function rateVerdict(figures: IssueBounceFigures, limits: RateLimits): RateVerdict {
  const of = (n: number) => (figures.delivered === 0 ? 0 : n / figures.delivered);
  const complaintRate = of(figures.complaints);
  const hardRate = of(figures.hard);
  const exceeded: RateVerdict["exceeded"] = [];
  if (figures.complaints > 0 && complaintRate >= limits.maxComplaintRate) exceeded.push("complaints");
  if (figures.hard > 0 && hardRate >= limits.maxHardBounceRate) exceeded.push("hard bounces");
  return { figures, complaintRate, hardRate, exceeded };
}

/** "0.41 %", with more digits for the small shares complaints are measured in. */
export function percent(share: number): string {
  const p = share * 100;
  return `${p.toLocaleString("en-US", { maximumFractionDigits: p < 1 ? 2 : 1 })} %`;
}

/** "complaints 0.41 % (7 of 1,702; limit 0.3 %)" for each exceeded rate. */
export function describeExceeded(v: RateVerdict, limits: RateLimits): string {
  const n = (x: number) => x.toLocaleString("en-US");
  return v.exceeded
    .map((what) =>
      what === "complaints"
        ? `complaints ${percent(v.complaintRate)} (${n(v.figures.complaints)} of ${n(v.figures.delivered)}; limit ${percent(limits.maxComplaintRate)})`
        : `hard bounces ${percent(v.hardRate)} (${n(v.figures.hard)} of ${n(v.figures.delivered)}; limit ${percent(limits.maxHardBounceRate)})`,
    )
    .join(" and ");
}
