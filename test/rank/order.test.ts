import { describe, it, expect } from "vitest";
import { compareCountBack, orderByScore, type Contender } from "../../src/rank/order.js";

const c = (id: string, final: number, more: Partial<Contender> = {}): Contender => ({
  id,
  sortName: id,
  final,
  votes: 0,
  jury: null,
  countBack: [],
  ...more,
});
const order = (items: Contender[], tieBreak: ("count_back" | "votes" | "jury")[]) =>
  orderByScore(items, tieBreak).map((p) => [p.item.id, p.tieBrokenBy, p.sharesRank]);

describe("step 7: order and tie-breaks", () => {
  it("orders by F, highest first; a difference of 1e-9 or more is no tie", () => {
    expect(order([c("a", 0.5), c("b", 0.9), c("c", 0.5 + 2e-9)], ["votes"])).toEqual([
      ["b", null, false],
      ["c", null, false],
      ["a", null, false],
    ]);
  });

  it("count_back: the higher first difference of the t' lists sorted descending wins", () => {
    // a: 9, 7, 2   b: 9, 8, 1 → second ballot 8 > 7: b first
    expect(order([c("a", 0.5, { countBack: [9, 7, 2] }), c("b", 0.5, { countBack: [9, 8, 1] })], ["count_back"])).toEqual([
      ["b", null, false],
      ["a", "count_back", false],
    ]);
  });

  it("count_back: when one list is a prefix of the other, the longer wins", () => {
    expect(compareCountBack([9, 8], [9, 8, 1])).toBeGreaterThan(0);
    expect(compareCountBack([9, 8, -3], [9, 8])).toBeLessThan(0);
    expect(compareCountBack([1, 2 + 1e-12], [1, 2])).toBe(0);
  });

  it("goes through the tie-breaks in the configured order", () => {
    // equal count-back; votes 10 vs 30 decide; with jury first, J 4 vs 2 decides the other way
    const items = [c("a", 0.5, { countBack: [5], votes: 10, jury: 4 }), c("b", 0.5 + 1e-12, { countBack: [5], votes: 30, jury: 2 })];
    expect(order(items, ["count_back", "votes"])).toEqual([
      ["b", null, false],
      ["a", "votes", false],
    ]);
    expect(order(items, ["jury", "votes"])).toEqual([
      ["a", null, false],
      ["b", "jury", false],
    ]);
  });

  it("lists a tie no tie-break separates by DIN 5007-2 sort name and marks the shared rank", () => {
    const items = [
      c("oe", 0.5, { sortName: "Özdemir, Deniz" }),
      c("ot", 0.5, { sortName: "Otto, Eva" }),
      c("ob", 0.5, { sortName: "Ober, Frank" }),
    ];
    // ober < oezdemir < otto (ö is oe, so Özdemir comes before Otto)
    expect(order(items, ["count_back", "votes"])).toEqual([
      ["ob", null, false],
      ["oe", "sort_name", true],
      ["ot", "sort_name", true],
    ]);
  });

  it("names the tie-break against the entry directly above, within a run of equal F", () => {
    const items = [c("a", 0.7, { votes: 5 }), c("b", 0.7, { votes: 9 }), c("c", 0.7, { votes: 5, sortName: "zz" }), c("d", 0.2)];
    expect(order(items, ["votes"])).toEqual([
      ["b", null, false],
      ["a", "votes", false],
      ["c", "sort_name", true],
      ["d", null, false],
    ]);
  });
});
