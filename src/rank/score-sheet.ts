/**
 * Method steps 3 to 6 for every nominee at once: normalise the counted ballots, aggregate them into J,
 * add the votes V, scale both and weigh them into the final score F.
 */
import type { Edition, Nominee } from "../edition/model.js";
import type { Ballot } from "./ballots.js";
import { normalise } from "./normalise.js";
import { juryScore, type JuryScore } from "./aggregate.js";
import { bordaPoints } from "./borda.js";
import { finalScore, rangeOf, scale01, type Range } from "./final-score.js";

export interface NomineeScore extends JuryScore {
  nominee: Nominee;
  /** Counted ballots, in juror order. */
  ballots: Ballot[];
  /** t' of each ballot, aligned with `ballots`. */
  normalised: number[];
  /** What J aggregates, aligned with `ballots`: t', or the Borda points. */
  values: number[];
  votes: number;
  juryScaled: number;
  votesScaled: number;
  /** F. */
  final: number;
  /** t' of the counted ballots, highest first: what count-back compares. */
  countBack: number[];
}

export interface ScoreSheet {
  /** In nominees.csv order. */
  scores: NomineeScore[];
  juryRange: Range | null;
  votesRange: Range | null;
}

export function votesOf(edition: Edition): Map<string, number> {
  const votes = new Map<string, number>();
  for (const v of edition.votes ?? []) if (!votes.has(v.nominee_id)) votes.set(v.nominee_id, v.votes);
  return votes;
}

/** Each nominee's run of ballots: `counted` is in canonical order, so a nominee's ballots are adjacent. */
function runs(counted: readonly Ballot[]): Map<string, [start: number, end: number]> {
  const out = new Map<string, [number, number]>();
  for (let start = 0; start < counted.length; ) {
    const id = (counted[start] as Ballot).nominee;
    let end = start + 1;
    while (end < counted.length && (counted[end] as Ballot).nominee === id) end++;
    out.set(id, [start, end]);
    start = end;
  }
  return out;
}

/**
 * Scores every nominee from the counted ballots (conflicts removed, in the canonical order of
 * `ballotsOf`). Without jury.csv the nominees' own `score` is J and there are no ballots.
 */
export function scoreSheet(edition: Edition, counted: readonly Ballot[]): ScoreSheet {
  const method = edition.config.ranking;
  const normalised = normalise(counted, method.normalize);
  const values = method.aggregate === "borda" ? bordaPoints(counted) : normalised;
  const byNominee = runs(counted);
  const votes = votesOf(edition);
  const partial = edition.nominees.map((nominee) => {
    const [start, end] = byNominee.get(nominee.id) ?? [0, 0];
    const ballots = counted.slice(start, end);
    const own: number[] = [];
    const ownValues: number[] = [];
    for (let i = start; i < end; i++) {
      own.push(normalised[i] as number);
      ownValues.push(values[i] as number);
    }
    const jury = edition.jury ? juryScore(ballots, ownValues, method) : { jury: nominee.score ?? null, trimmedLow: [], trimmedHigh: [] };
    return {
      nominee,
      ballots,
      normalised: own,
      values: ownValues,
      jury,
      votes: votes.get(nominee.id) ?? 0,
      countBack: own.slice().sort((a, b) => b - a),
    };
  });
  const juryRange = rangeOf(partial.map((s) => s.jury.jury));
  const votesRange = rangeOf(partial.map((s) => s.votes));
  const scores = partial.map((s): NomineeScore => {
    const juryScaled = scale01(s.jury.jury, juryRange);
    const votesScaled = scale01(s.votes, votesRange);
    return {
      nominee: s.nominee,
      ballots: s.ballots,
      normalised: s.normalised,
      values: s.values,
      jury: s.jury.jury,
      trimmedLow: s.jury.trimmedLow,
      trimmedHigh: s.jury.trimmedHigh,
      votes: s.votes,
      juryScaled,
      votesScaled,
      final: finalScore(juryScaled, votesScaled, method.weights),
      countBack: s.countBack,
    };
  });
  return { scores, juryRange, votesRange };
}
