/**
 * `--stability`: leave one juror out. The list is ranked again without each juror's ballots in turn;
 * a nominee whose best and worst rank lie far apart owes the place to a single juror, and a top-10
 * place whose holder changes is one the editor-in-chief should look at before signing the list off.
 * Quorum is not applied to these what-if rankings: a nominee left without ballots scores lowest.
 */
import type { Edition } from "../edition/model.js";
import { countedBallots, rankBallots } from "./rank.js";

export const TOP_PLACES = 10;

export interface StabilityEntry {
  id: string;
  name: string;
  rank: number;
  /** Best and worst rank over the rankings that each leave one juror out (the rank itself without jury). */
  best: number;
  worst: number;
}

export interface PlaceChange {
  /** The juror left out. */
  juror: string;
  id: string;
  name: string;
}

export interface StablePlace {
  /** Place in the published order (1–10). */
  position: number;
  rank: number;
  id: string;
  name: string;
  /** Who holds the place instead when one juror is left out; empty when the holder never changes. */
  changes: PlaceChange[];
}

export interface Stability {
  /** The jurors left out in turn, by id. */
  jurors: string[];
  entries: StabilityEntry[];
  top: StablePlace[];
}

export function stability(edition: Edition): Stability {
  const { counted } = countedBallots(edition);
  const base = rankBallots(edition, counted).ranking.entries;
  const jurors = [...new Set(counted.map((b) => b.juror))].sort();
  const best = new Map(base.map((e) => [e.id, Number.POSITIVE_INFINITY]));
  const worst = new Map(base.map((e) => [e.id, 0]));
  const top: StablePlace[] = base
    .slice(0, TOP_PLACES)
    .map((e) => ({ position: e.position, rank: e.rank ?? e.position, id: e.id, name: e.nominee.name, changes: [] }));
  for (const juror of jurors) {
    const without = rankBallots(
      edition,
      counted.filter((b) => b.juror !== juror),
    ).ranking.entries;
    for (const e of without) {
      const rank = e.rank ?? e.position;
      best.set(e.id, Math.min(best.get(e.id) ?? rank, rank));
      worst.set(e.id, Math.max(worst.get(e.id) ?? rank, rank));
    }
    top.forEach((place, i) => {
      const holder = without[i];
      if (holder && holder.id !== place.id) place.changes.push({ juror, id: holder.id, name: holder.nominee.name });
    });
  }
  const entries = base.map((e) => {
    const rank = e.rank ?? e.position;
    return {
      id: e.id,
      name: e.nominee.name,
      rank,
      best: jurors.length > 0 ? (best.get(e.id) ?? rank) : rank,
      worst: jurors.length > 0 ? (worst.get(e.id) ?? rank) : rank,
    };
  });
  return { jurors, entries, top };
}
