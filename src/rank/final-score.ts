/**
 * Method steps 5 and 6: jury score and votes are each scaled to 0–1 by min-max over all ranked
 * nominees, then weighted: F = weights.jury · scale01(J) + weights.votes · scale01(V).
 * Published as points = round(100·F, 1).
 */
import type { RankingConfig } from "../edition/config-schema.js";

export interface Range {
  min: number;
  max: number;
}

/** Min and max of the known values; null when there are none. */
export function rangeOf(values: readonly (number | null)[]): Range | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v === null) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : null;
}

/**
 * Min-max scaling to 0–1. All values equal → 0 (nobody is ahead). A missing value (a nominee without
 * ballots, possible only with quorum 0) scales to 0, the bottom of the field.
 */
export function scale01(value: number | null, range: Range | null): number {
  if (value === null || range === null || range.max - range.min <= 0) return 0;
  return (value - range.min) / (range.max - range.min);
}

export function finalScore(juryScaled: number, votesScaled: number, weights: RankingConfig["weights"]): number {
  return weights.jury * juryScaled + weights.votes * votesScaled;
}

/**
 * round(100·F, 1), half up. The nudge keeps a value like 100·F = 87.45 that floating point stores as
 * 87.4499999… from rounding down.
 */
export function points(final: number): number {
  return Math.round(final * 1000 + 1e-7) / 10;
}
