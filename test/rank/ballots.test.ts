import { describe, it, expect } from "vitest";
import { ballotsOf, jurorTotal } from "../../src/rank/ballots.js";
import { companyKey, splitConflicts } from "../../src/rank/conflicts.js";
import { editionOf } from "../helpers/rank.js";

const criteria = [
  { id: "impact", name: "Wirkung", weight: 0.5 },
  { id: "innovation", name: "Innovation", weight: 0.3 },
  { id: "visibility", name: "Sichtbarkeit", weight: 0.2 },
];

describe("step 1: juror total", () => {
  it("is the weighted mean of the scored criteria", () => {
    // (0.5·8 + 0.3·6 + 0.2·10) / 1 = 4 + 1.8 + 2 = 7.8
    expect(jurorTotal({ impact: 8, innovation: 6, visibility: 10 }, criteria)).toBeCloseTo(7.8, 12);
  });

  it("divides by the weights of the non-empty criteria only", () => {
    // (0.5·8 + 0.2·10) / (0.5 + 0.2) = 6 / 0.7 = 8.571428…
    expect(jurorTotal({ impact: 8, innovation: null, visibility: 10 }, criteria)).toBeCloseTo(8.5714285714, 9);
  });

  it("makes no ballot of a row without scores, or with scores only in criteria of weight 0", () => {
    expect(jurorTotal({ impact: null, innovation: null, visibility: null }, criteria)).toBeNull();
    expect(
      jurorTotal({ a: 5, b: null }, [
        { id: "a", name: "A", weight: 0 },
        { id: "b", name: "B", weight: 1 },
      ]),
    ).toBeNull();
  });

  it("lists ballots by nominee id, then juror id, whatever the row order", () => {
    const rows = [
      { line: 2, juror_id: "b", nominee_id: "q", scores: { s: 1 } },
      { line: 3, juror_id: "a", nominee_id: "q", scores: { s: 2 } },
      { line: 4, juror_id: "b", nominee_id: "p", scores: { s: null } },
      { line: 5, juror_id: "a", nominee_id: "p", scores: { s: 4 } },
    ];
    const ballots = ballotsOf(rows, [{ id: "s", name: "S", weight: 1 }]);
    expect(ballots.map((b) => [b.nominee, b.juror, b.line, b.total])).toEqual([
      ["p", "a", 5, 4],
      ["q", "a", 3, 2],
      ["q", "b", 2, 1],
    ]);
  });
});

describe("step 2: conflicts of interest", () => {
  it("compares companies case- and whitespace-insensitively", () => {
    expect(companyKey("  Nordlicht\tMedia  GmbH ")).toBe(companyKey("nordlicht media gmbh"));
    expect(companyKey("Nordlicht Media")).not.toBe(companyKey("Nordlicht Medien"));
  });

  it("sets apart the ballots of a juror for a nominee of the same company, and only those", () => {
    const edition = editionOf({
      nominees: [
        { id: "p", company: "Nordlicht Media GmbH" },
        { id: "q", company: "Blau AG" },
      ],
      jury: [
        ["x", "p", 9],
        ["x", "q", 5],
        ["y", "p", 7],
      ],
      jurors: { x: "  nordlicht MEDIA gmbh", y: "Blau AG " },
    });
    const split = splitConflicts(edition, ballotsOf(edition.jury ?? [], edition.config.ranking.criteria));
    expect(split.conflicts.map((b) => [b.juror, b.nominee])).toEqual([["x", "p"]]);
    expect(split.counted.map((b) => [b.juror, b.nominee])).toEqual([
      ["y", "p"],
      ["x", "q"],
    ]);
  });

  it("never matches an empty company", () => {
    const edition = editionOf({ nominees: [{ id: "p", company: "" }], jury: [["x", "p", 9]], jurors: { x: "" } });
    expect(splitConflicts(edition, ballotsOf(edition.jury ?? [], edition.config.ranking.criteria)).conflicts).toEqual([]);
  });
});
