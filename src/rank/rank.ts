/**
 * The ranking stage: Edition → Ranking, pure and deterministic (the same edition gives the same list
 * whatever the row order of its CSV files). The method is documented in docs/ranking.md.
 */
import type { Edition } from "../edition/model.js";
import { compareSortNames } from "../lib/sort-key.js";
import { ballotsOf, type Ballot } from "./ballots.js";
import { splitConflicts, type SplitBallots } from "./conflicts.js";
import { scoreSheet, votesOf, type NomineeScore, type ScoreSheet } from "./score-sheet.js";
import { orderByScore } from "./order.js";
import { categoryRanks, ranksFor } from "./rank-style.js";
import { movement } from "./movement.js";
import { points } from "./final-score.js";
import type { RankedEntry, Ranking } from "./model.js";

/** Everything the ranking was computed from, for explanations. */
export interface Analysis {
  ranking: Ranking;
  ballots: SplitBallots;
  sheet: ScoreSheet;
}

const previousRanks = (edition: Edition) => new Map((edition.previous ?? []).map((p) => [p.id, p.rank]));

/** Steps 1 and 2: the ballots of jury.csv, conflicts of interest set apart. */
export function countedBallots(edition: Edition): SplitBallots {
  return splitConflicts(edition, ballotsOf(edition.jury ?? [], edition.config.ranking.criteria));
}

/** Steps 3 to 10 from a given set of counted ballots (stability drops one juror's and ranks again). */
export function rankBallots(edition: Edition, counted: readonly Ballot[]): { ranking: Ranking; sheet: ScoreSheet } {
  const method = edition.config.ranking;
  const sheet = scoreSheet(edition, counted);
  const contenders = sheet.scores.map((s) => ({
    id: s.nominee.id,
    sortName: s.nominee.sort_name,
    final: s.final,
    votes: s.votes,
    jury: s.jury,
    countBack: s.countBack,
    score: s,
  }));
  const placed = orderByScore(contenders, method.tie_break);
  const shares = placed.map((p) => p.sharesRank);
  const ranks = ranksFor(shares, method.rank_style);
  const inCategory = categoryRanks(
    placed.map((p) => p.item.score.nominee.category),
    shares,
    method.rank_style,
  );
  const previous = previousRanks(edition);
  const entries = placed.map(({ item, tieBrokenBy }, i): RankedEntry => {
    const s: NomineeScore = item.score;
    const rank = ranks[i] as number;
    return {
      id: s.nominee.id,
      nominee: s.nominee,
      position: i + 1,
      rank,
      category_rank: inCategory[i] as number,
      points: points(s.final),
      jury: s.jury,
      votes: s.votes,
      ballots: s.ballots.length,
      movement: movement(previous.get(s.nominee.id), rank),
      tie_broken_by: tieBrokenBy,
    };
  });
  return { ranking: { mode: "ranked", method, entries }, sheet };
}

/** Unranked mode: by category (edition.json order), then DIN 5007-2 sort name; no numbers. */
function unrankedEntries(edition: Edition, counted: readonly Ballot[]): RankedEntry[] {
  const categoryIndex = new Map(edition.config.categories.map((c, i) => [c.id, i]));
  const at = (category: string) => categoryIndex.get(category) ?? Number.MAX_SAFE_INTEGER;
  const ballots = new Map<string, number>();
  for (const b of counted) ballots.set(b.nominee, (ballots.get(b.nominee) ?? 0) + 1);
  const votes = votesOf(edition);
  const previous = previousRanks(edition);
  return [...edition.nominees]
    .sort(
      (a, b) => at(a.category) - at(b.category) || compareSortNames(a.sort_name, b.sort_name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((nominee, i) => ({
      id: nominee.id,
      nominee,
      position: i + 1,
      rank: null,
      category_rank: null,
      points: null,
      jury: null,
      votes: votes.get(nominee.id) ?? 0,
      ballots: ballots.get(nominee.id) ?? 0,
      movement: movement(previous.get(nominee.id), null),
      tie_broken_by: null,
    }));
}

/** The ranking and what it was computed from. */
export function analyse(edition: Edition): Analysis {
  const ballots = countedBallots(edition);
  const { ranking, sheet } = rankBallots(edition, ballots.counted);
  if (edition.config.ranking.mode === "unranked") {
    return {
      ranking: { mode: "unranked", method: edition.config.ranking, entries: unrankedEntries(edition, ballots.counted) },
      ballots,
      sheet,
    };
  }
  return { ranking, ballots, sheet };
}

/**
 * Ranks an edition that passed `check` (steps 1–10 of docs/ranking.md). Pure: no I/O, no clock.
 * In unranked mode entries come by category then sort name, with rank, points and jury null.
 */
export function rankEdition(edition: Edition): Ranking {
  return analyse(edition).ranking;
}
