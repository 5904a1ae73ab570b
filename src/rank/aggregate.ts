/**
 * Method step 4: the jury score J of one nominee from its counted ballots. `trimmed_mean` drops the
 * `trim` highest and lowest ballots only when at least 3 remain (2·trim + 3 ballots or more), so a
 * single enthusiast or detractor cannot carry a nominee, yet a thinly judged nominee keeps every vote.
 */
import type { RankingConfig } from "../edition/config-schema.js";
import type { Ballot } from "./ballots.js";

export interface JuryScore {
  /** J; null without ballots. */
  jury: number | null;
  /** Ballots dropped by trimmed_mean: the lowest and the highest. */
  trimmedLow: Ballot[];
  trimmedHigh: Ballot[];
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Whether trimmed_mean trims a nominee with `count` ballots. */
export const trims = (count: number, trim: number) => trim > 0 && count >= 2 * trim + 3;

/**
 * J from one nominee's ballots (in juror order) and their values: t' for every method but `borda`,
 * which averages the ballots' Borda points instead.
 */
export function juryScore(
  ballots: readonly Ballot[],
  values: readonly number[],
  method: Pick<RankingConfig, "aggregate" | "trim">,
): JuryScore {
  const none = { trimmedLow: [], trimmedHigh: [] };
  if (ballots.length === 0) return { jury: null, ...none };
  switch (method.aggregate) {
    case "median":
      return { jury: median(values), ...none };
    case "trimmed_mean": {
      if (!trims(ballots.length, method.trim)) return { jury: mean(values), ...none };
      // equal values: the juror id decides which ballot is shown as dropped (J is the same either way)
      const juror = (i: number) => (ballots[i] as Ballot).juror;
      const order = values
        .map((_, i) => i)
        .sort((a, b) => (values[a] as number) - (values[b] as number) || (juror(a) < juror(b) ? -1 : juror(a) > juror(b) ? 1 : 0));
      const n = order.length;
      const pick = (from: number, to: number) => order.slice(from, to).map((i) => ballots[i] as Ballot);
      return {
        jury: mean(order.slice(method.trim, n - method.trim).map((i) => values[i] as number)),
        trimmedLow: pick(0, method.trim),
        trimmedHigh: pick(n - method.trim, n),
      };
    }
    case "mean":
    case "borda":
      return { jury: mean(values), ...none };
  }
}
