import { describe, it, expect } from "vitest";
import { finalScore, points, rangeOf, scale01 } from "../../src/rank/final-score.js";

describe("steps 5 and 6: final score and points", () => {
  it("scales min-max over the known values", () => {
    const range = rangeOf([2, null, 6, 4]);
    expect(range).toEqual({ min: 2, max: 6 });
    expect([scale01(2, range), scale01(4, range), scale01(6, range)]).toEqual([0, 0.5, 1]);
  });

  it("scales everything to 0 when all values are equal, and a missing value to 0", () => {
    expect(scale01(5, rangeOf([5, 5]))).toBe(0);
    expect(scale01(null, rangeOf([1, 3]))).toBe(0);
    expect(rangeOf([null])).toBeNull();
  });

  it("weighs F = weights.jury · scale01(J) + weights.votes · scale01(V)", () => {
    // 0.8 · 0.5 + 0.2 · 0.25 = 0.4 + 0.05 = 0.45
    expect(finalScore(0.5, 0.25, { jury: 0.8, votes: 0.2 })).toBeCloseTo(0.45, 12);
  });

  it("publishes points = round(100·F, 1), half up", () => {
    expect(points(1)).toBe(100);
    expect(points(1 / 3)).toBe(33.3);
    expect(points(2 / 3)).toBe(66.7);
    // 0.5005 · 1000 is 500.49999999999994 in floating point; 100 · 0.5005 = 50.05 is published as 50.1
    expect(points(0.5005)).toBe(50.1);
    expect(points(0.8745)).toBe(87.5);
    expect(points(0)).toBe(0);
  });
});
