import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { rankEdition } from "../../src/rank/rank.js";
import { rankingJson } from "../../src/rank/export.js";
import { juryScore } from "../../src/rank/aggregate.js";
import { rankingProblems } from "../../src/rank/validate.js";
import type { Ballot } from "../../src/rank/ballots.js";
import { editionOf, type EditionSpec, type JuryRowSpec } from "../helpers/rank.js";

const NAMES = ["Anna Müller", "Anna Mueller", "Dr. Bernd Öz", "Clara Weiß", "Clara Weiss", "Deniz Ober", "Eva Otto", "Frank Zeh"];
const CRITERIA = [
  { id: "impact", name: "Wirkung", weight: 0.5 },
  { id: "innovation", name: "Innovation", weight: 0.5 },
];

/** A small random edition: up to 8 nominees, 5 jurors, two criteria, gaps, votes, previous ranks and any method. */
const editionSpec = fc
  .record({ nominees: fc.integer({ min: 2, max: 8 }), jurors: fc.integer({ min: 1, max: 5 }) })
  .chain(({ nominees, jurors }) =>
    fc
      .record({
        categories: fc.array(fc.constantFrom("marketing", "medien"), { minLength: nominees, maxLength: nominees }),
        cells: fc.array(fc.option(fc.integer({ min: 0, max: 10 }), { nil: null, freq: 5 }), {
          minLength: nominees * jurors * 2,
          maxLength: nominees * jurors * 2,
        }),
        votes: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: nominees, maxLength: nominees }),
        previous: fc.array(fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }), { minLength: nominees, maxLength: nominees }),
        method: fc.record({
          normalize: fc.constantFrom("zscore", "none"),
          aggregate: fc.constantFrom("mean", "median", "trimmed_mean", "borda"),
          trim: fc.integer({ min: 0, max: 2 }),
          rank_style: fc.constantFrom("competition", "dense", "ordinal"),
          tie_break: fc.shuffledSubarray(["count_back", "votes", "jury"]),
          weights: fc.constantFrom({ jury: 1, votes: 0 }, { jury: 0.8, votes: 0.2 }, { jury: 0.5, votes: 0.5 }),
        }),
      })
      .map((r): EditionSpec => {
        const ids = Array.from({ length: nominees }, (_, i) => `n${i}`);
        const jury: JuryRowSpec[] = [];
        for (let j = 0; j < jurors; j++)
          for (const [i, id] of ids.entries())
            jury.push([`j${j}`, id, r.cells[(j * nominees + i) * 2] ?? null, r.cells[(j * nominees + i) * 2 + 1] ?? null]);
        return {
          nominees: ids.map((id, i) => ({ id, name: NAMES[i] ?? id, category: r.categories[i] ?? "marketing" })),
          jury,
          votes: Object.fromEntries(ids.map((id, i) => [id, r.votes[i] ?? 0])),
          previous: Object.fromEntries(ids.flatMap((id, i) => (r.previous[i] ? [[id, r.previous[i]]] : []))),
          ranking: { ...r.method, criteria: CRITERIA, scale: { min: 0, max: 60 }, quorum: 0 },
        };
      }),
  );

const shuffled = <T>(xs: readonly T[]) => fc.shuffledSubarray([...xs], { minLength: xs.length });

describe("ranking properties", () => {
  it("the row order of the CSV files never changes the result", () => {
    const withPermutation = editionSpec.chain((spec) =>
      fc.record({
        spec: fc.constant(spec),
        nominees: shuffled(spec.nominees),
        jury: shuffled(spec.jury ?? []),
        votes: shuffled(Object.entries(spec.votes ?? {})),
        previous: shuffled(Object.entries(spec.previous ?? {})),
      }),
    );
    fc.assert(
      fc.property(withPermutation, ({ spec, nominees, jury, votes, previous }) => {
        const a = editionOf(spec);
        const b = editionOf({ ...spec, nominees, jury, votes: Object.fromEntries(votes), previous: Object.fromEntries(previous) });
        expect(rankingJson(b, rankEdition(b))).toEqual(rankingJson(a, rankEdition(a)));
      }),
      { numRuns: 200 },
    );
  });

  it("adding a constant to all of one juror's scores never changes a zscore ranking", () => {
    const shifted = editionSpec.chain((spec) =>
      fc.record({ spec: fc.constant(spec), juror: fc.integer({ min: 0, max: 4 }), by: fc.integer({ min: 1, max: 50 }) }),
    );
    fc.assert(
      fc.property(shifted, ({ spec, juror, by }) => {
        const zscore = { ...spec, ranking: { ...spec.ranking, normalize: "zscore" } };
        const moved = {
          ...zscore,
          jury: (zscore.jury ?? []).map(
            ([j, n, ...s]): JuryRowSpec => (j === `j${juror}` ? [j, n, ...s.map((x) => (x === null ? null : x + by))] : [j, n, ...s]),
          ),
        };
        const key = (spec: EditionSpec) =>
          rankEdition(editionOf(spec)).entries.map((e) => [e.id, e.rank, e.category_rank, e.tie_broken_by]);
        expect(key(moved)).toEqual(key(zscore));
      }),
      { numRuns: 200 },
    );
  });

  it("ranks are consistent with the chosen style", () => {
    fc.assert(
      fc.property(editionSpec, (spec) => {
        const entries = rankEdition(editionOf(spec)).entries;
        const style = String(spec.ranking?.["rank_style"]);
        entries.forEach((e, i) => {
          expect(e.position).toBe(i + 1);
          const above = entries[i - 1];
          if (!above) {
            expect(e.rank).toBe(1);
            return;
          }
          expect(e.points ?? 0).toBeLessThanOrEqual(above.points ?? 0);
          const tied = e.tie_broken_by === "sort_name";
          if (style === "ordinal") expect(e.rank).toBe(i + 1);
          else if (tied) expect([e.rank, e.points]).toEqual([above.rank, above.points]);
          else expect(e.rank).toBe(style === "dense" ? (above.rank ?? 0) + 1 : i + 1);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("trimmed_mean trims exactly from 2·trim + 3 ballots on", () => {
    const ballot = (i: number): Ballot => ({ juror: `j${i}`, nominee: "p", line: i, scores: {}, total: 0 });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        (values, trim) => {
          const got = juryScore(
            values.map((_, i) => ballot(i)),
            values,
            { aggregate: "trimmed_mean", trim },
          );
          const sorted = [...values].sort((a, b) => a - b);
          const kept = trim > 0 && values.length >= 2 * trim + 3 ? sorted.slice(trim, values.length - trim) : sorted;
          expect(got.jury).toBeCloseTo(kept.reduce((s, x) => s + x, 0) / kept.length, 9);
          expect(got.trimmedLow.length + got.trimmedHigh.length).toBe(values.length - kept.length);
        },
      ),
    );
  });

  it("a nominee is below quorum exactly when it has fewer ballots than the quorum", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), (ballots, quorum) => {
        const jury: JuryRowSpec[] = Array.from({ length: 6 }, (_, j) => [`j${j}`, "p", j < ballots ? 5 : null]);
        const problems = rankingProblems(editionOf({ nominees: ["p"], jury, ranking: { quorum } }));
        expect(problems.some((p) => p.code === "below-quorum")).toBe(ballots < quorum);
      }),
    );
  });
});
