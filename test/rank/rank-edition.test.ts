import { describe, it, expect } from "vitest";
import { rankEdition } from "../../src/rank/rank.js";
import { explainNominee } from "../../src/rank/explain.js";
import { editionOf } from "../helpers/rank.js";

const Z = Math.sqrt(1.5); // 1.224744871…: the z-score of the ends of three evenly spaced totals

/**
 * The default method on a worked example: five jurors, one criterion, three nominees.
 *   juror  p   q   r   mean  sd      t' of p, q, r
 *   a      8   6   4   6     √(8/3)  +Z, 0, −Z
 *   b      9   7   5   7     √(8/3)  +Z, 0, −Z   (b is a plus one: the same t')
 *   c      2   6   4   4     √(8/3)  −Z, +Z, 0
 *   d      5   5   5   5     0       0, 0, 0     (sd 0: no information)
 *   e      10  4   7   7     √6      +Z, −Z, 0
 * trimmed mean, trim 1 (5 ballots ≥ 2·1 + 3: the lowest and highest are dropped; equal values by juror id):
 *   p: −Z(c) 0(d) +Z(a) +Z(b) +Z(e) → drop c and e → J = 2Z/3 = 0.816497
 *   q: −Z(e) 0(a) 0(b) 0(d) +Z(c)  → drop e and c → J = 0
 *   r: −Z(a) −Z(b) 0(c) 0(d) 0(e)  → drop a and e → J = −Z/3 = −0.408248
 * scale01(J): range −Z/3 … 2Z/3 (width Z) → p 1, q 1/3, r 0
 * votes p 10, q 70, r 40 → scale01(V): p 0, q 1, r 0.5
 * F = 0.8·J' + 0.2·V' → p 0.8, q 0.8/3 + 0.2 = 0.466667, r 0.1 → points 80, 46.7, 10
 */
const worked = () =>
  editionOf({
    nominees: [
      { id: "p", category: "marketing" },
      { id: "q", category: "medien" },
      { id: "r", category: "marketing" },
    ],
    jury: [
      ["a", "p", 8],
      ["a", "q", 6],
      ["a", "r", 4],
      ["b", "p", 9],
      ["b", "q", 7],
      ["b", "r", 5],
      ["c", "p", 2],
      ["c", "q", 6],
      ["c", "r", 4],
      ["d", "p", 5],
      ["d", "q", 5],
      ["d", "r", 5],
      ["e", "p", 10],
      ["e", "q", 4],
      ["e", "r", 7],
    ],
    votes: { p: 10, q: 70, r: 40 },
    previous: { q: 1, r: 5 },
    ranking: { normalize: "zscore", aggregate: "trimmed_mean", trim: 1, quorum: 3, weights: { jury: 0.8, votes: 0.2 } },
  });

describe("rankEdition: the default method on a worked example", () => {
  it("computes J, points, ranks, category ranks and movement", () => {
    const ranking = rankEdition(worked());
    expect(ranking.mode).toBe("ranked");
    const rows = ranking.entries.map((e) => [
      e.id,
      e.position,
      e.rank,
      e.category_rank,
      e.points,
      e.votes,
      e.ballots,
      e.movement,
      e.tie_broken_by,
    ]);
    expect(rows).toEqual([
      ["p", 1, 1, 1, 80, 10, 5, { kind: "new" }, null],
      ["q", 2, 2, 1, 46.7, 70, 5, { kind: "down", by: 1 }, null],
      ["r", 3, 3, 2, 10, 40, 5, { kind: "up", by: 2 }, null],
    ]);
    expect(ranking.entries.map((e) => e.jury)).toEqual([expect.closeTo((2 * Z) / 3, 9), expect.closeTo(0, 9), expect.closeTo(-Z / 3, 9)]);
  });

  it("marks which ballots trimming dropped", () => {
    const x = explainNominee(worked(), "r");
    expect(x?.ballots.map((b) => [b.juror, b.status])).toEqual([
      ["a", "trimmed_low"],
      ["b", "counted"],
      ["c", "counted"],
      ["d", "counted"],
      ["e", "trimmed_high"],
    ]);
    expect(x?.ballots.map((b) => b.normalised)).toEqual([
      expect.closeTo(-Z, 9),
      expect.closeTo(-Z, 9),
      expect.closeTo(0, 9),
      0,
      expect.closeTo(0, 9),
    ]);
    expect([x?.juryScaled, x?.votesScaled, x?.final]).toEqual([expect.closeTo(0, 9), 0.5, expect.closeTo(0.1, 9)]);
  });

  it("normalises a juror over the ballots left after a conflict of interest", () => {
    // juror x works at p's company: x's p ballot (10) is dropped; x's q 4 and r 6 → mean 5, sd 1 → t' −1 and +1
    const edition = editionOf({
      nominees: [{ id: "p", company: "Nordlicht Media GmbH" }, "q", "r"],
      jury: [
        ["x", "p", 10],
        ["x", "q", 4],
        ["x", "r", 6],
        ["y", "p", 3],
        ["y", "q", 5],
        ["y", "r", 7],
      ],
      jurors: { x: " nordlicht  MEDIA gmbh" },
      ranking: { aggregate: "mean" },
    });
    const q = explainNominee(edition, "q");
    const p = explainNominee(edition, "p");
    expect(q?.ballots.find((b) => b.juror === "x")?.normalised).toBeCloseTo(-1, 12);
    expect(p?.ballots.map((b) => [b.juror, b.status])).toEqual([
      ["x", "conflict"],
      ["y", "counted"],
    ]);
    expect(rankEdition(edition).entries.find((e) => e.id === "p")?.ballots).toBe(1);
  });
});

describe("rankEdition: ties, styles and other modes", () => {
  // normalize none, mean: a and b have J 6 with different ballots, c and d are identical in every way
  const tied = (style: string, tieBreak: string[]) =>
    editionOf({
      nominees: [
        { id: "a", name: "Anna Zeller" },
        { id: "b", name: "Bernd Abel" },
        { id: "c", name: "Clara Weiß" },
        { id: "d", name: "Dora Weiss" },
        { id: "e", name: "Emil Top" },
      ],
      jury: [
        ["j", "a", 8],
        ["k", "a", 4],
        ["j", "b", 7],
        ["k", "b", 5],
        ["j", "c", 5],
        ["k", "c", 5],
        ["j", "d", 5],
        ["k", "d", 5],
        ["j", "e", 9],
        ["k", "e", 9],
      ],
      votes: { a: 1, b: 2, c: 3, d: 3, e: 0 },
      ranking: { normalize: "none", aggregate: "mean", rank_style: style, tie_break: tieBreak },
    });

  it("breaks ties by count-back, then shares the rank listed by sort name (competition)", () => {
    // J: e 9, a 6 (8, 4), b 6 (7, 5), c 5, d 5 → a before b by count-back (8 > 7); c, d identical:
    // "Weiß, Clara" and "Weiss, Dora" fold to "weiss clara" < "weiss dora"
    const entries = rankEdition(tied("competition", ["count_back", "votes"])).entries;
    expect(entries.map((e) => [e.id, e.rank, e.tie_broken_by])).toEqual([
      ["e", 1, null],
      ["a", 2, null],
      ["b", 3, "count_back"],
      ["c", 4, null],
      ["d", 4, "sort_name"],
    ]);
  });

  it("votes first reverses a and b; dense and ordinal number the shared place their way", () => {
    expect(rankEdition(tied("dense", ["votes"])).entries.map((e) => [e.id, e.rank, e.tie_broken_by])).toEqual([
      ["e", 1, null],
      ["b", 2, null],
      ["a", 3, "votes"],
      ["c", 4, null],
      ["d", 4, "sort_name"],
    ]);
    // no tie-breaks at all: a and b are tied too, and "Abel, Bernd" sorts before "Zeller, Anna"
    expect(rankEdition(tied("ordinal", [])).entries.map((e) => [e.id, e.rank, e.tie_broken_by])).toEqual([
      ["e", 1, null],
      ["b", 2, null],
      ["a", 3, "sort_name"],
      ["c", 4, null],
      ["d", 5, "sort_name"],
    ]);
  });

  it("shares a rank in dense style and counts on (1, 2, 2, 3)", () => {
    const edition = editionOf({
      nominees: [
        { id: "a", score: 9 },
        { id: "b", score: 5 },
        { id: "c", score: 5 },
        { id: "d", score: 1 },
      ],
      jury: null,
      ranking: { rank_style: "dense", tie_break: [] },
    });
    expect(rankEdition(edition).entries.map((x) => [x.id, x.rank])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 2],
      ["d", 3],
    ]);
  });

  it("uses the nominees' own score as J without jury.csv", () => {
    const edition = editionOf({
      nominees: [
        { id: "a", score: 4 },
        { id: "b", score: 8 },
        { id: "c", score: 6 },
      ],
      jury: null,
    });
    // J range 4…8: b 1, c 0.5, a 0 → points 100, 50, 0
    expect(rankEdition(edition).entries.map((e) => [e.id, e.points, e.ballots, e.jury])).toEqual([
      ["b", 100, 0, 8],
      ["c", 50, 0, 6],
      ["a", 0, 0, 4],
    ]);
  });

  it("unranked: by category in edition.json order, then DIN 5007-2 sort name, without numbers", () => {
    const edition = editionOf({
      categories: ["medien", "marketing"],
      nominees: [
        { id: "ot", name: "Eva Otto", category: "medien" },
        { id: "oe", name: "Deniz Özdemir", category: "medien" },
        { id: "ob", name: "Dr. Frank Ober", category: "medien" },
        { id: "am", name: "Anna Müller", category: "marketing" },
      ],
      jury: null,
      previous: { oe: 3 },
      ranking: { mode: "unranked" },
    });
    const ranking = rankEdition(edition);
    expect(ranking.mode).toBe("unranked");
    expect(ranking.entries.map((e) => [e.id, e.position, e.rank, e.category_rank, e.points, e.jury, e.movement.kind])).toEqual([
      ["ob", 1, null, null, null, null, "new"],
      ["oe", 2, null, null, null, null, "same"],
      ["ot", 3, null, null, null, null, "new"],
      ["am", 4, null, null, null, null, "new"],
    ]);
  });
});
