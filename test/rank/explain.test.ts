import { describe, it, expect } from "vitest";
import { loadEdition } from "../../src/edition/load.js";
import type { Edition } from "../../src/edition/model.js";
import { explainNominee } from "../../src/rank/explain.js";
import { jurorBias } from "../../src/rank/bias.js";
import { stability } from "../../src/rank/stability.js";
import { writeEdition, SCORES } from "../helpers/edition.js";

/**
 * The base edition (test/helpers/edition.ts): normalize none, mean, criteria 0.5/0.5, jury weight 1.
 * Juror totals (mean of the two scores):
 *            anna  bernd  clara  deniz  eva  frank
 *   j1       8.5   7      5.5    8.5    5    5
 *   j2       8     6.5    6.5    9      4.5  5
 *   j3       9     6.5    5.5    8      5    3.5
 *   J        8.5   6.667  5.833  8.5    4.833 4.5
 * anna and deniz tie on F = 1 and on count-back (9, 8.5, 8 each); votes decide: deniz 40, anna 10.
 */
async function base(): Promise<Edition> {
  const { edition } = await loadEdition(writeEdition());
  if (!edition) throw new Error("base edition did not load");
  return edition;
}

describe("explainNominee", () => {
  it("lists every ballot with its total and the numbers behind F", async () => {
    const x = explainNominee(await base(), "anna-mueller");
    expect(x?.ballots.map((b) => [b.juror, b.line, b.scores, b.total, b.normalised, b.status])).toEqual([
      ["j1", 2, { impact: 9, innovation: 8 }, 8.5, 8.5, "counted"],
      ["j2", 8, { impact: 8, innovation: 8 }, 8, 8, "counted"],
      ["j3", 14, { impact: 9, innovation: 9 }, 9, 9, "counted"],
    ]);
    expect([x?.jury, x?.juryRange, x?.juryScaled, x?.votes, x?.final, x?.entry.points]).toEqual([
      8.5,
      { min: 4.5, max: 8.5 },
      1,
      10,
      1,
      100,
    ]);
  });

  it("names the tie-break that decided against each neighbour", async () => {
    const x = explainNominee(await base(), "anna-mueller");
    expect([x?.above?.id, x?.above?.decidedBy, x?.above?.votes]).toEqual(["deniz-oezdemir", "votes", 40]);
    // bernd's F = (6.667 − 4.5) / 4 = 0.541667: no tie with anna
    expect([x?.below?.id, x?.below?.decidedBy, x?.below?.final]).toEqual(["bernd-schaefer", null, expect.closeTo(13 / 24, 12)]);
  });

  it("is null for an id that is not on the list", async () => {
    expect(explainNominee(await base(), "niemand")).toBeNull();
  });
});

describe("jurorBias", () => {
  it("compares each juror's totals with the panel and with the other jurors on the same nominees", async () => {
    const table = jurorBias(await base());
    expect(table.panel.ballots).toBe(18);
    const j3 = table.jurors.find((j) => j.juror === "j3");
    // j3's totals sum to 37.5 → mean 6.25; against the mean of j1 and j2 per nominee:
    // +0.75 −0.25 −0.5 −0.75 +0.25 −1.5 = −2 over 6 nominees → offset −1/3
    expect([j3?.ballots, j3?.conflicts, j3?.mean, j3?.offset]).toEqual([6, 0, 6.25, expect.closeTo(-1 / 3, 12)]);
    expect(table.jurors.map((j) => j.juror)).toEqual(Object.keys(SCORES));
  });
});

describe("stability (leave one juror out)", () => {
  it("gives each nominee's best and worst rank and flags top places whose holder changes", async () => {
    // without j1: anna 8.5, deniz 8.5 (tie, votes → deniz) — the same list
    // without j2: anna 8.75 > deniz 8.25 → anna first
    // without j3: eva (5 + 4.5)/2 = 4.75 < frank (5 + 5)/2 = 5 → frank 5th, eva 6th
    const s = stability(await base());
    expect(s.jurors).toEqual(["j1", "j2", "j3"]);
    expect(s.entries.map((e) => [e.id, e.rank, e.best, e.worst])).toEqual([
      ["deniz-oezdemir", 1, 1, 2],
      ["anna-mueller", 2, 1, 2],
      ["bernd-schaefer", 3, 3, 3],
      ["clara-weiss", 4, 4, 4],
      ["eva-lang", 5, 5, 6],
      ["frank-ober", 6, 5, 6],
    ]);
    expect(s.top.map((p) => [p.position, p.id, p.changes.map((c) => `${c.juror}:${c.id}`)])).toEqual([
      [1, "deniz-oezdemir", ["j2:anna-mueller"]],
      [2, "anna-mueller", ["j2:deniz-oezdemir"]],
      [3, "bernd-schaefer", []],
      [4, "clara-weiss", []],
      [5, "eva-lang", ["j3:frank-ober"]],
      [6, "frank-ober", ["j3:eva-lang"]],
    ]);
  });
});
