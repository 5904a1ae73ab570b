import { describe, it, expect } from "vitest";
import { categoryRanks, ranksFor } from "../../src/rank/rank-style.js";
import { movement, movementText } from "../../src/rank/movement.js";

// places 2 and 3 tied, places 5 and 6 tied
const shares = [false, false, true, false, false, true];

describe("step 8: rank styles", () => {
  it("competition 1, 2, 2, 4", () => expect(ranksFor(shares, "competition")).toEqual([1, 2, 2, 4, 5, 5]));
  it("dense 1, 2, 2, 3", () => expect(ranksFor(shares, "dense")).toEqual([1, 2, 2, 3, 4, 4]));
  it("ordinal 1, 2, 3, 4", () => expect(ranksFor(shares, "ordinal")).toEqual([1, 2, 3, 4, 5, 6]));
});

describe("step 9: category rank", () => {
  it("restricts the order to each category and keeps ties", () => {
    // categories by place: m, n, m, m, n, m — m holds places 1, 3, 4, 6 (3 tied with place 2, 6 with 5)
    const categories = ["m", "n", "m", "m", "n", "m"];
    expect(categoryRanks(categories, shares, "competition")).toEqual([1, 1, 2, 3, 2, 4]);
    // three tied entries of one category share its first place; a tie block spanning categories stays a tie in each
    expect(categoryRanks(["m", "m", "m"], [false, true, true], "competition")).toEqual([1, 1, 1]);
    expect(categoryRanks(["m", "n", "m", "m"], [false, true, true, false], "dense")).toEqual([1, 1, 1, 2]);
  });
});

describe("step 10: movement", () => {
  it("new, up, down, same against previous.csv", () => {
    expect(movement(undefined, 4)).toEqual({ kind: "new" });
    expect(movement(7, 4)).toEqual({ kind: "up", by: 3 });
    expect(movement(2, 4)).toEqual({ kind: "down", by: 2 });
    expect(movement(4, 4)).toEqual({ kind: "same" });
    expect([{ kind: "up", by: 3 } as const, { kind: "new" } as const].map(movementText)).toEqual(["up 3", "new"]);
  });
});
