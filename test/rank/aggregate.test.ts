import { describe, it, expect } from "vitest";
import { juryScore, median, trims } from "../../src/rank/aggregate.js";
import { bordaPoints } from "../../src/rank/borda.js";
import type { Ballot } from "../../src/rank/ballots.js";

const ballots = (n: number): Ballot[] =>
  Array.from({ length: n }, (_, i) => ({ juror: `j${i}`, nominee: "p", line: i + 2, scores: {}, total: 0 }));

describe("step 4: jury score J", () => {
  it("mean and median", () => {
    expect(juryScore(ballots(4), [1, 2, 4, 9], { aggregate: "mean", trim: 1 }).jury).toBe(4); // 16 / 4
    expect(juryScore(ballots(4), [9, 1, 4, 2], { aggregate: "median", trim: 1 }).jury).toBe(3); // (2 + 4) / 2
    expect(median([5, 1, 3])).toBe(3);
  });

  it("trimmed_mean with trim 1 keeps every ballot below 5 ballots (2·1 + 3)", () => {
    // 4 ballots: plain mean (1 + 2 + 4 + 9) / 4 = 4
    const four = juryScore(ballots(4), [1, 2, 4, 9], { aggregate: "trimmed_mean", trim: 1 });
    expect([four.jury, four.trimmedLow, four.trimmedHigh]).toEqual([4, [], []]);
  });

  it("trimmed_mean with trim 1 drops the lowest and highest from 5 ballots on", () => {
    // 5 ballots 1, 2, 4, 9, 0 → drop 0 (j4) and 9 (j3) → (1 + 2 + 4) / 3 = 7/3
    const list = ballots(5);
    const five = juryScore(list, [1, 2, 4, 9, 0], { aggregate: "trimmed_mean", trim: 1 });
    expect(five.jury).toBeCloseTo(7 / 3, 12);
    expect(five.trimmedLow.map((b) => b.juror)).toEqual(["j4"]);
    expect(five.trimmedHigh.map((b) => b.juror)).toEqual(["j3"]);
  });

  it("trimmed_mean with trim 2 needs 7 ballots; equal values drop by juror id", () => {
    expect([trims(6, 2), trims(7, 2), trims(100, 0)]).toEqual([false, true, false]);
    // 6 ballots: mean (5·3 + 9) / 6 = 4
    expect(juryScore(ballots(6), [3, 3, 3, 3, 3, 9], { aggregate: "trimmed_mean", trim: 2 }).jury).toBe(4);
    // 7 ballots 3,3,3,3,3,9,9: drop j0, j1 (lowest 3s by id) and j5, j6 → 3
    const seven = juryScore(ballots(7), [3, 3, 3, 3, 3, 9, 9], { aggregate: "trimmed_mean", trim: 2 });
    expect(seven.jury).toBe(3);
    expect(seven.trimmedLow.map((b) => b.juror)).toEqual(["j0", "j1"]);
    expect(seven.trimmedHigh.map((b) => b.juror)).toEqual(["j5", "j6"]);
  });

  it("is null without ballots", () => {
    expect(juryScore([], [], { aggregate: "trimmed_mean", trim: 1 }).jury).toBeNull();
  });
});

describe("borda (average rank)", () => {
  it("gives each ballot the share of the juror's other ballots it beats, ties counting half", () => {
    const b = (juror: string, nominee: string, total: number): Ballot => ({ juror, nominee, line: 0, scores: {}, total });
    // juror a: p 9, q 5, r 5, s 1 → p beats 3 of 3 = 1; q and r beat s and tie each other: (1 + ½) / 3 = 0.5; s 0
    // juror b: a lone ballot earns ½
    const list = [b("a", "p", 9), b("a", "q", 5), b("a", "r", 5), b("a", "s", 1), b("b", "p", 2)];
    expect(Array.from(bordaPoints(list))).toEqual([1, 0.5, 0.5, 0, 0.5]);
  });
});
