/** "did you mean …?" for unknown references: the closest known id by edit distance (or prefix). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

export function closest(value: string, candidates: Iterable<string>): string | null {
  const v = value.toLowerCase();
  let best: string | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const score = lc.startsWith(v) && v.length >= 2 ? 0.5 : distance(v, lc);
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  const limit = Math.max(2, Math.floor(v.length / 3));
  return best !== null && bestScore <= limit ? best : null;
}

export function didYouMean(value: string, candidates: Iterable<string>): string {
  const c = closest(value, candidates);
  return c === null ? "" : ` (did you mean "${c}"?)`;
}
