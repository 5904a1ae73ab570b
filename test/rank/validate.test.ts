import { describe, it, expect } from "vitest";
import { checkEdition } from "../../src/app/checked-edition.js";
import { rankingProblems } from "../../src/rank/validate.js";
import { writeEdition, configWith, csv, baseFiles, NOMINEES, LAUDATION } from "../helpers/edition.js";
import { editionOf } from "../helpers/rank.js";

type Config = Record<string, unknown>;
const ranking = (c: Config) => c["ranking"] as Config;
/** j1 ("Jana Eins") works at Anna Müller's company, spelled differently. */
const conflicted = (change: (c: Config) => void = () => {}) =>
  configWith((c) => {
    (c["jurors"] as Config[])[0] = { id: "j1", name: "Jana Eins", company: " nordlicht  MEDIA gmbh" };
    change(c);
  });
const found = async (overrides: Record<string, string | null>) => {
  const result = await checkEdition(writeEdition(overrides));
  return {
    valid: result.valid,
    problems: result.problems.map((p) => [p.file, p.line, p.column, p.code, p.severity]),
    all: result.problems,
  };
};

// base nominees span three physical lines each (the laudation has a blank line): Anna 2, Bernd 5, … Frank 17
const nomineesWithScores = (scores: string[]) =>
  csv([
    ["id", "name", "role", "company", "category", "author_id", "laudation", "score"],
    ...NOMINEES.map(([id, name, , company, category], i) => [
      id,
      name,
      "Geschäftsführung",
      company,
      category,
      "lbeispiel",
      LAUDATION,
      scores[i] ?? "",
    ]),
  ]);

describe("check: conflicts of interest", () => {
  it('warns at the jury.csv line and juror_id column and excludes the ballot with conflicts "exclude"', async () => {
    const r = await found({ "edition.json": conflicted((c) => (ranking(c)["quorum"] = 2)) });
    expect(r.problems).toEqual([["jury.csv", 2, 1, "conflict-of-interest", "warning"]]);
    expect(r.valid).toBe(true);
    expect(r.all[0]?.message).toContain('juror "Jana Eins"');
    expect(r.all[0]?.message).toContain('"Dr. Anna Müller"');
  });

  it('is an error with conflicts "error"', async () => {
    const r = await found({ "edition.json": conflicted((c) => Object.assign(ranking(c), { quorum: 2, conflicts: "error" })) });
    expect(r.problems).toEqual([["jury.csv", 2, 1, "conflict-of-interest", "error"]]);
    expect(r.valid).toBe(false);
  });
});

describe("check: quorum", () => {
  it("names the nominee and the count of ballots left after conflicts, at the nominee's line", async () => {
    const r = await found({ "edition.json": conflicted() });
    expect(r.problems).toEqual([
      ["jury.csv", 2, 1, "conflict-of-interest", "warning"],
      ["nominees.csv", 2, 1, "below-quorum", "error"],
    ]);
    expect(r.all[1]?.message).toBe(
      '"Dr. Anna Müller" (anna-mueller) has 2 jury ballots after conflicts of interest; ranking.quorum requires 3',
    );
  });

  it("does not count a row without scores (boundary: 3 ballots meet quorum 3, 2 do not)", async () => {
    const jury = String(baseFiles()["jury.csv"]).replace("j2,bernd-schaefer,6,7", "j2,bernd-schaefer,,");
    expect((await found({ "jury.csv": jury })).problems).toEqual([["nominees.csv", 5, 1, "below-quorum", "error"]]);
    const lowered = configWith((c) => (ranking(c)["quorum"] = 2));
    expect((await found({ "jury.csv": jury, "edition.json": lowered })).problems).toEqual([]);
  });

  it("is not checked in unranked mode", async () => {
    const r = await found({ "jury.csv": null, "edition.json": configWith((c) => (ranking(c)["mode"] = "unranked")) });
    expect(r.problems).toEqual([]);
  });
});

describe("check: scores without a jury", () => {
  it("requires a score for every nominee in ranked mode and keeps it on the scale", async () => {
    const r = await found({ "jury.csv": null, "nominees.csv": nomineesWithScores(["7", "", "6,5", "12", "3", "1"]) });
    expect(r.problems).toEqual([
      ["nominees.csv", 5, 8, "missing-score", "error"],
      ["nominees.csv", 11, 8, "score-out-of-scale", "error"],
    ]);
  });

  it("needs no score for a list ranked by votes alone", async () => {
    const votesOnly = configWith((c) => (ranking(c)["weights"] = { jury: 0, votes: 1 }));
    expect((await found({ "jury.csv": null, "edition.json": votesOnly })).problems).toEqual([]);
  });

  it("warns that scores are ignored when jury.csv exists", async () => {
    const r = await found({ "nominees.csv": nomineesWithScores(["7", "8", "6", "5", "3", "1"]) });
    expect(r.problems).toEqual([["nominees.csv", 1, 8, "score-ignored", "warning"]]);
  });
});

describe("check: method settings", () => {
  it("rejects criteria weights that sum to 0", async () => {
    const zero = configWith(
      (c) =>
        (ranking(c)["criteria"] = [
          { id: "impact", name: "Wirkung", weight: 0 },
          { id: "innovation", name: "Innovation", weight: 0 },
        ]),
    );
    const r = await found({ "edition.json": zero });
    expect(r.all.find((p) => p.code === "invalid-weights")).toMatchObject({
      file: "edition.json",
      field: "ranking.criteria",
      severity: "error",
    });
  });

  it("rejects an unknown tie-break name and jury + votes weights that are not positive", async () => {
    const bad = configWith((c) => Object.assign(ranking(c), { tie_break: ["count_back", "losentscheid"], weights: { jury: 0, votes: 0 } }));
    const r = await found({ "edition.json": bad });
    expect(r.all.map((p) => [p.file, p.field, p.severity])).toEqual(
      expect.arrayContaining([
        ["edition.json", "ranking.tie_break[1]", "error"],
        ["edition.json", "ranking.weights", "error"],
      ]),
    );
  });

  it("warns about weights that do not sum to 1, a votes weight without votes.csv, and a repeated tie-break", async () => {
    const odd = configWith((c) => Object.assign(ranking(c), { weights: { jury: 1, votes: 0.5 }, tie_break: ["votes", "votes"] }));
    const r = await found({ "edition.json": odd, "votes.csv": null });
    expect(r.all.map((p) => [p.field, p.code, p.severity])).toEqual([
      ["ranking.tie_break[1]", "duplicate-tie-break", "warning"],
      ["ranking.weights.votes", "votes-missing", "warning"],
      ["ranking.weights", "weights-not-normalised", "warning"],
    ]);
    expect(r.all.find((p) => p.code === "weights-not-normalised")?.message).toContain("points run from 0 to 150");
  });

  it("warns about a row scored only in criteria of weight 0", () => {
    const edition = editionOf({
      nominees: ["p"],
      jury: [
        ["a", "p", 5, null],
        ["b", "p", null, 7],
      ],
      ranking: {
        criteria: [
          { id: "main", name: "Haupt", weight: 1 },
          { id: "side", name: "Neben", weight: 0 },
        ],
        quorum: 1,
      },
    });
    expect(rankingProblems(edition).map((p) => [p.file, p.line, p.code, p.severity])).toEqual([
      ["jury.csv", 3, "ballot-without-weight", "warning"],
    ]);
  });
});
