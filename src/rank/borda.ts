/**
 * The `borda` aggregate (average rank): each juror's ballots are ranked against each other and a
 * ballot earns the share of that juror's other ballots it beats, ties counting half:
 * (below + ½·equal) / (n − 1), n the juror's ballot count (a lone ballot earns ½). Only the order
 * within a juror matters, so harsh and generous jurors weigh the same without normalisation.
 */
import type { Ballot } from "./ballots.js";
import { jurorIndex } from "./normalise.js";

const EPS = 1e-9;

/** Borda points of every ballot, aligned with `ballots`. */
export function bordaPoints(ballots: readonly Ballot[]): Float64Array {
  const jurors = jurorIndex(ballots);
  const members: number[][] = Array.from({ length: jurors.count }, () => []);
  jurors.of.forEach((j, i) => {
    (members[j] as number[]).push(i);
  });
  const total = (i: number) => (ballots[i] as Ballot).total;
  const points = new Float64Array(ballots.length);
  for (const list of members) {
    const n = list.length;
    list.sort((a, b) => total(a) - total(b));
    for (let i = 0; i < n; ) {
      let j = i + 1;
      while (j < n && total(list[j] as number) - total(list[j - 1] as number) < EPS) j++;
      // ballots i..j-1 are equal: each beats the i below and ties with the j-i-1 others
      const share = n === 1 ? 0.5 : (i + 0.5 * (j - i - 1)) / (n - 1);
      for (let k = i; k < j; k++) points[list[k] as number] = share;
      i = j;
    }
  }
  return points;
}
