import { describe, it, expect } from "vitest";
import { formatRanking } from "../../src/rank/format-ranking.js";
import { formatExplanation } from "../../src/rank/format-explain.js";
import { formatStability } from "../../src/rank/format-stability.js";
import { rankEdition } from "../../src/rank/rank.js";
import { explainNominee } from "../../src/rank/explain.js";
import { stability } from "../../src/rank/stability.js";
import { editionOf } from "../helpers/rank.js";

describe("terminal output", () => {
  it("cannot be used to rewrite the terminal: control and bidi characters become ?", () => {
    const edition = editionOf({
      nominees: [
        { id: "p", name: "Paula \u001b[2J Rot", score: 5 },
        { id: "q", name: "Quirin \u202eloB", score: 4 },
      ],
      jury: null,
    });
    const text = formatRanking(edition, rankEdition(edition));
    expect(text).toContain("Paula ?[2J Rot");
    expect(text).toContain("Quirin ?loB");
    expect(text).not.toMatch(/[\u001b\u202e]/);
  });

  it("explains a direct-score edition and a shared rank", () => {
    const edition = editionOf({
      nominees: [
        { id: "p", name: "Paula Abel", score: 6 },
        { id: "q", name: "Quirin Zorn", score: 6 },
        { id: "r", score: 2 },
      ],
      jury: null,
    });
    const text = formatExplanation(edition, explainNominee(edition, "q") ?? expect.fail("q is on the list"));
    expect(text).toContain("Rank 1 (place 2 of 3), 100.0 points");
    expect(text).toContain("No jury.csv: J is the nominee's score column: 6.0000");
    expect(text).toContain("scale01(J) = (6.0000 − 2.0000) / (6.0000 − 2.0000) = 1.0000");
    expect(text).toContain(
      "Above: Paula Abel (p), rank 1, 100.0 points: equal F and equal on every tie-break: the two share the rank, listed by sort name",
    );
    expect(formatStability(stability(edition))).toBe("No jury ballots: there is no juror to leave out, the ranking cannot change.\n");
  });

  it("shows the count-back difference that decided a tie", () => {
    // normalize none, mean: p (9, 3) and q (7, 5) both have J 6; count-back: 9 > 7 at the first ballot
    const edition = editionOf({
      nominees: ["p", "q"],
      jury: [
        ["a", "p", 9],
        ["b", "p", 3],
        ["a", "q", 7],
        ["b", "q", 5],
      ],
      ranking: { normalize: "none", aggregate: "mean" },
    });
    const text = formatExplanation(edition, explainNominee(edition, "q") ?? expect.fail("q is on the list"));
    expect(text).toContain("equal F; decided by count_back (ballot 1 from the top: 9.0000 vs 7.0000)");
  });
});
