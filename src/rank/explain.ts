/**
 * `--explain ID`: every number behind one nominee's place, for the editor who has to answer
 * "why am I 37th?": each ballot (raw criteria, juror total, normalised, counted or why not), J, V, F,
 * and what separated the nominee from its neighbours.
 */
import type { Edition } from "../edition/model.js";
import type { RankingConfig } from "../edition/config-schema.js";
import { jurorTotal } from "./ballots.js";
import { analyse } from "./rank.js";
import type { Range } from "./final-score.js";
import type { Decider } from "./order.js";
import type { RankedEntry } from "./model.js";

export type BallotStatus = "counted" | "trimmed_low" | "trimmed_high" | "conflict" | "no_score";

export interface BallotLine {
  juror: string;
  jurorName: string | null;
  /** Line in jury.csv. */
  line: number;
  scores: Record<string, number | null>;
  /** t; null for a row without (weighted) scores. */
  total: number | null;
  /** t'; null unless the ballot counted or was trimmed. */
  normalised: number | null;
  /** Borda points, when the method is borda. */
  borda: number | null;
  status: BallotStatus;
}

export interface Neighbour {
  id: string;
  name: string;
  rank: number | null;
  points: number | null;
  final: number;
  votes: number;
  jury: number | null;
  countBack: readonly number[];
  /** The tie-break that separated the two (null: F differed). */
  decidedBy: Decider | null;
}

export interface NomineeExplanation {
  entry: RankedEntry;
  method: RankingConfig;
  /** Every jury row of the nominee, by juror id. Empty without jury.csv. */
  ballots: BallotLine[];
  jury: number | null;
  juryScaled: number;
  /** The min and max J over all nominees that scale01 uses. */
  juryRange: Range | null;
  votes: number;
  votesScaled: number;
  votesRange: Range | null;
  final: number;
  countBack: readonly number[];
  above: Neighbour | null;
  below: Neighbour | null;
}

/** The explanation of one nominee's place, or null when the id is not on the list. Ranked mode only. */
export function explainNominee(edition: Edition, id: string): NomineeExplanation | null {
  const { ranking, ballots, sheet } = analyse(edition);
  const entry = ranking.entries.find((e) => e.id === id);
  const score = sheet.scores.find((s) => s.nominee.id === id);
  if (!entry || !score) return null;
  const scores = new Map(sheet.scores.map((s) => [s.nominee.id, s]));
  const neighbour = (other: RankedEntry | undefined, decidedBy: Decider | null): Neighbour | null => {
    const s = other && scores.get(other.id);
    return other && s
      ? {
          id: other.id,
          name: other.nominee.name,
          rank: other.rank,
          points: other.points,
          final: s.final,
          votes: s.votes,
          jury: s.jury,
          countBack: s.countBack,
          decidedBy,
        }
      : null;
  };
  const below = ranking.entries[entry.position];

  const jurorNames = new Map((edition.config.jurors ?? []).map((j) => [j.id, j.name]));
  const counted = new Map(score.ballots.map((b, i) => [b.line, i]));
  const low = new Set(score.trimmedLow.map((b) => b.line));
  const high = new Set(score.trimmedHigh.map((b) => b.line));
  const conflicts = new Set(ballots.conflicts.filter((b) => b.nominee === id).map((b) => b.line));
  const lines = (edition.jury ?? [])
    .filter((r) => r.nominee_id === id)
    .sort((a, b) => (a.juror_id < b.juror_id ? -1 : a.juror_id > b.juror_id ? 1 : a.line - b.line))
    .map((r): BallotLine => {
      const i = counted.get(r.line);
      const status =
        i !== undefined
          ? low.has(r.line)
            ? "trimmed_low"
            : high.has(r.line)
              ? "trimmed_high"
              : "counted"
          : conflicts.has(r.line)
            ? "conflict"
            : "no_score";
      return {
        juror: r.juror_id,
        jurorName: jurorNames.get(r.juror_id) ?? null,
        line: r.line,
        scores: r.scores,
        total: jurorTotal(r.scores, edition.config.ranking.criteria),
        normalised: i === undefined ? null : (score.normalised[i] ?? null),
        borda: i !== undefined && edition.config.ranking.aggregate === "borda" ? (score.values[i] ?? null) : null,
        status,
      };
    });
  return {
    entry,
    method: ranking.method,
    ballots: lines,
    jury: score.jury,
    juryScaled: score.juryScaled,
    juryRange: sheet.juryRange,
    votes: score.votes,
    votesScaled: score.votesScaled,
    votesRange: sheet.votesRange,
    final: score.final,
    countBack: score.countBack,
    above: neighbour(ranking.entries[entry.position - 2], entry.tie_broken_by as Decider | null),
    below: neighbour(below, (below?.tie_broken_by ?? null) as Decider | null),
  };
}
