import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { IpRateLimiter, addressMailAllowed, globalMailAllowed } from "../../src/subscribe/limits.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.parse("2026-12-01T12:00:00Z");

describe("addressMailAllowed", () => {
  it("the first mail to an address goes", () => {
    expect(addressMailAllowed([], NOW)).toEqual({ ok: true });
  });

  it("at most one mail per 10 minutes", () => {
    expect(addressMailAllowed([NOW - 9 * MIN], NOW)).toEqual({ ok: false, reason: "address-too-soon", retryAfterMs: MIN });
    expect(addressMailAllowed([NOW - 10 * MIN], NOW)).toEqual({ ok: true });
  });

  it("at most three per rolling 24 hours, counted from the oldest in the window", () => {
    const three = [NOW - 23 * HOUR, NOW - 5 * HOUR, NOW - HOUR];
    expect(addressMailAllowed(three, NOW)).toEqual({ ok: false, reason: "address-daily-cap", retryAfterMs: HOUR });
    expect(addressMailAllowed(three, NOW + HOUR)).toEqual({ ok: true });
    expect(addressMailAllowed([NOW - 25 * HOUR, ...three.slice(1)], NOW)).toEqual({ ok: true });
  });

  it("the order the ledger returns the times in does not matter; configurable limits", () => {
    expect(addressMailAllowed([NOW - HOUR, NOW - 3 * HOUR, NOW - 2 * HOUR], NOW).ok).toBe(false);
    expect(addressMailAllowed([NOW - 2 * MIN], NOW, { minGapMs: MIN, perDay: 5 })).toEqual({ ok: true });
    expect(addressMailAllowed([NOW - 2 * HOUR], NOW, { minGapMs: MIN, perDay: 1 })).toMatchObject({ reason: "address-daily-cap" });
  });

  it("a send stamped in the future (clock went back) still blocks", () => {
    expect(addressMailAllowed([NOW + MIN], NOW)).toMatchObject({ ok: false, reason: "address-too-soon" });
  });

  it("never lets a fourth mail through in any 24 hours, nor two within 10 minutes (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 72 * 60 }), { maxLength: 40 }), (minutes) => {
        const sent: number[] = [];
        for (const m of [...minutes].sort((a, b) => a - b)) {
          const at = NOW + m * MIN;
          if (addressMailAllowed(sent, at).ok) sent.push(at);
        }
        for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(10 * MIN);
        for (let i = 3; i < sent.length; i++) expect(sent[i]! - sent[i - 3]!).toBeGreaterThanOrEqual(24 * HOUR);
      }),
    );
  });
});

describe("globalMailAllowed", () => {
  it("200 mails per rolling hour by default, then the oldest must leave the window", () => {
    const sent = Array.from({ length: 200 }, (_, i) => NOW - HOUR + 1 + i * 1000);
    expect(globalMailAllowed(sent.slice(1), NOW)).toEqual({ ok: true });
    expect(globalMailAllowed(sent, NOW)).toEqual({ ok: false, reason: "global-hourly-cap", retryAfterMs: 1 });
    expect(globalMailAllowed(sent, NOW + 1)).toEqual({ ok: true });
    expect(globalMailAllowed([NOW - 1], NOW, 1)).toMatchObject({ ok: false });
  });
});

describe("IpRateLimiter", () => {
  it("20 requests per hour by default, sliding", () => {
    const limiter = new IpRateLimiter();
    for (let i = 0; i < 20; i++) expect(limiter.hit("192.0.2.1", NOW + i * MIN).ok).toBe(true);
    expect(limiter.hit("192.0.2.1", NOW + 20 * MIN)).toEqual({ ok: false, reason: "ip-rate", retryAfterMs: 40 * MIN });
    expect(limiter.hit("192.0.2.2", NOW + 20 * MIN).ok).toBe(true);
    // the first request leaves the window after an hour: one more passes
    expect(limiter.hit("192.0.2.1", NOW + HOUR).ok).toBe(true);
    expect(limiter.hit("192.0.2.1", NOW + HOUR).ok).toBe(false);
  });

  it("refused requests are not counted", () => {
    const limiter = new IpRateLimiter({ limit: 2, windowMs: 10_000 });
    limiter.hit("a", 0);
    limiter.hit("a", 1);
    for (let t = 2; t < 10_000; t += 500) expect(limiter.hit("a", t).ok).toBe(false);
    expect(limiter.hit("a", 10_000).ok).toBe(true);
  });

  it("remembers at most maxTracked clients and forgets the one seen longest ago", () => {
    const limiter = new IpRateLimiter({ limit: 1, maxTracked: 3 });
    limiter.hit("a", NOW);
    limiter.hit("b", NOW);
    limiter.hit("c", NOW);
    expect(limiter.hit("a", NOW + 1).ok).toBe(false); // a is now the most recent
    limiter.hit("d", NOW + 2); // b is forgotten
    expect(limiter.tracked).toBe(3);
    expect(limiter.hit("b", NOW + 3).ok).toBe(true);
    expect(limiter.hit("a", NOW + 4).ok).toBe(false);
  });

  it("stays bounded under a flood of distinct clients", () => {
    const limiter = new IpRateLimiter({ maxTracked: 100 });
    for (let i = 0; i < 10_000; i++) limiter.hit(`10.0.${i >> 8}.${i & 255}`, NOW + i);
    expect(limiter.tracked).toBe(100);
  });

  it("refuses nonsense options", () => {
    expect(() => new IpRateLimiter({ limit: 0 })).toThrow(RangeError);
    expect(() => new IpRateLimiter({ maxTracked: 0 })).toThrow(RangeError);
  });
});
