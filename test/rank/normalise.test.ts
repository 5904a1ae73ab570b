import { describe, it, expect } from "vitest";
import { normalise } from "../../src/rank/normalise.js";
import type { Ballot } from "../../src/rank/ballots.js";

const ballot = (juror: string, nominee: string, total: number): Ballot => ({ juror, nominee, line: 0, scores: {}, total });

describe("step 3: per-juror normalisation", () => {
  it("zscore uses each juror's mean and population standard deviation", () => {
    // juror a: 2, 4, 6 → mean 4, sd = √((4 + 0 + 4) / 3) = √(8/3) = 1.632993; z = ∓1.224745, 0
    // juror b: 10, 4   → mean 7, sd = √((9 + 9) / 2) = 3;                   z = 1, −1
    const ballots = [ballot("a", "p", 2), ballot("a", "q", 4), ballot("a", "r", 6), ballot("b", "p", 10), ballot("b", "q", 4)];
    const z = Array.from(normalise(ballots, "zscore"));
    expect(z[0]).toBeCloseTo(-1.224744871, 8);
    expect(z[1]).toBeCloseTo(0, 12);
    expect(z[2]).toBeCloseTo(1.224744871, 8);
    expect(z[3]).toBeCloseTo(1, 12);
    expect(z[4]).toBeCloseTo(-1, 12);
  });

  it("gives t' = 0 to every ballot of a juror whose totals are all equal (sd = 0)", () => {
    // 0.1 + 0.1 + 0.1 is not 0.3 in floating point: the mean differs from the totals in the last bit
    const z = normalise([ballot("a", "p", 0.1), ballot("a", "q", 0.1), ballot("a", "r", 0.1), ballot("b", "p", 3)], "zscore");
    expect(Array.from(z)).toEqual([0, 0, 0, 0]);
  });

  it("none keeps the juror totals", () => {
    expect(Array.from(normalise([ballot("a", "p", 7.5), ballot("b", "p", 3)], "none"))).toEqual([7.5, 3]);
  });
});
