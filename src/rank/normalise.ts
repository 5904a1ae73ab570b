/**
 * Method step 3: per-juror normalisation. `zscore` puts every juror on the same footing: a harsh juror's
 * 6 and a generous juror's 9 can mean the same. t' = (t − mean) / sd over all of the juror's counted
 * ballots, sd the population standard deviation; a juror who gave every nominee the same total says
 * nothing about their order, so all of their ballots get t' = 0. `none`: t' = t.
 */
import type { RankingConfig } from "../edition/config-schema.js";
import type { Ballot } from "./ballots.js";

/** Index of each ballot's juror, and the number of jurors. */
export function jurorIndex(ballots: readonly Ballot[]): { of: Int32Array; count: number } {
  const ids = new Map<string, number>();
  const of = new Int32Array(ballots.length);
  for (let i = 0; i < ballots.length; i++) {
    const juror = (ballots[i] as Ballot).juror;
    let j = ids.get(juror);
    if (j === undefined) {
      j = ids.size;
      ids.set(juror, j);
    }
    of[i] = j;
  }
  return { of, count: ids.size };
}

interface JurorStats {
  n: number;
  sum: number;
  squares: number;
  min: number;
  max: number;
}

/** t' of every ballot, aligned with `ballots` (plain loops over typed arrays: this runs over 150,000 ballots). */
export function normalise(ballots: readonly Ballot[], method: RankingConfig["normalize"]): Float64Array {
  const out = new Float64Array(ballots.length);
  for (let i = 0; i < ballots.length; i++) out[i] = (ballots[i] as Ballot).total;
  if (method === "none") return out;
  const jurors = jurorIndex(ballots);
  const stats: JurorStats[] = Array.from({ length: jurors.count }, () => ({
    n: 0,
    sum: 0,
    squares: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
  }));
  const of = (i: number) => stats[jurors.of[i] as number] as JurorStats;
  for (let i = 0; i < out.length; i++) {
    const s = of(i);
    const t = out[i] as number;
    s.n++;
    s.sum += t;
    if (t < s.min) s.min = t;
    if (t > s.max) s.max = t;
  }
  // two passes: summing squared deviations from the mean avoids the cancellation of Σt² − n·mean²
  for (let i = 0; i < out.length; i++) {
    const s = of(i);
    s.squares += ((out[i] as number) - s.sum / s.n) ** 2;
  }
  for (let i = 0; i < out.length; i++) {
    const s = of(i);
    // comparing min and max, not sd with 0: the mean of equal totals can differ from them in the last bit
    out[i] = s.max - s.min < 1e-12 ? 0 : ((out[i] as number) - s.sum / s.n) / Math.sqrt(s.squares / s.n);
  }
  return out;
}
