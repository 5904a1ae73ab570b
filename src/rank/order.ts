/**
 * Method step 7: order by F, highest first. Exact ties (|ΔF| < 1e-9) go to the configured tie-breaks
 * in turn; nominees still tied share their rank and are listed by DIN 5007-2 sort name.
 */
import type { TieBreak } from "../edition/config-schema.js";
import { compareSortNames } from "../lib/sort-key.js";

export const EPS = 1e-9;

/** What separated an entry from the one above it; "sort_name" when nothing did (they share the rank). */
export type Decider = TieBreak | "sort_name";

export interface Contender {
  id: string;
  sortName: string;
  final: number;
  votes: number;
  jury: number | null;
  /** t' of the counted ballots, highest first. */
  countBack: readonly number[];
}

export interface Placed<T> {
  item: T;
  /** null when F differs from the entry above (or for the first entry). */
  tieBrokenBy: Decider | null;
  /** true when F and every tie-break are equal to the entry above: the two share a rank. */
  sharesRank: boolean;
}

/** Negative when a goes first: the higher value wins, values closer than EPS are equal. */
const higherFirst = (a: number, b: number) => (Math.abs(a - b) < EPS ? 0 : a > b ? -1 : 1);

/** Count-back: t' highest first, element by element; the higher first difference wins, then the longer list. */
export function compareCountBack(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = higherFirst(a[i] as number, b[i] as number);
    if (d !== 0) return d;
  }
  return b.length - a.length;
}

export const tieBreaks: Record<TieBreak, (a: Contender, b: Contender) => number> = {
  count_back: (a, b) => compareCountBack(a.countBack, b.countBack),
  votes: (a, b) => b.votes - a.votes,
  jury: (a, b) => higherFirst(a.jury ?? Number.NEGATIVE_INFINITY, b.jury ?? Number.NEGATIVE_INFINITY),
};

/** The first tie-break that separates two contenders of equal F, or null. */
export function decidingTieBreak(a: Contender, b: Contender, order: readonly TieBreak[]): TieBreak | null {
  for (const name of order) if (tieBreaks[name](a, b) !== 0) return name;
  return null;
}

export function orderByScore<T extends Contender>(items: readonly T[], order: readonly TieBreak[]): Placed<T>[] {
  const byF = [...items].sort((a, b) => b.final - a.final || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const inTie = (a: T, b: T) => {
    for (const name of order) {
      const d = tieBreaks[name](a, b);
      if (d !== 0) return d;
    }
    return compareSortNames(a.sortName, b.sortName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
  const placed: Placed<T>[] = [];
  for (let start = 0; start < byF.length; ) {
    let end = start + 1;
    // a run of equal F: each within EPS of its neighbour
    while (end < byF.length && (byF[end - 1] as T).final - (byF[end] as T).final < EPS) end++;
    const run = byF.slice(start, end).sort(inTie);
    run.forEach((item, i) => {
      const above = run[i - 1];
      const decider = above === undefined ? null : decidingTieBreak(above, item, order);
      placed.push({
        item,
        tieBrokenBy: above === undefined ? null : (decider ?? "sort_name"),
        sharesRank: above !== undefined && decider === null,
      });
    });
    start = end;
  }
  return placed;
}
