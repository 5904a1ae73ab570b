/**
 * Method steps 8 and 9: published ranks from the order. `competition` 1, 2, 2, 4; `dense` 1, 2, 2, 3;
 * `ordinal` 1, 2, 3, 4 (tied entries then take their places in sort-name order).
 */
import type { RankingConfig } from "../edition/config-schema.js";

/** Ranks for an ordered list; `sharesRank[i]` says entry i is tied with entry i − 1. */
export function ranksFor(sharesRank: readonly boolean[], style: RankingConfig["rank_style"]): number[] {
  const ranks: number[] = [];
  sharesRank.forEach((shares, i) => {
    const previous = ranks[i - 1] ?? 0;
    if (style === "ordinal" || i === 0) ranks.push(i + 1);
    else if (shares) ranks.push(previous);
    else ranks.push(style === "dense" ? previous + 1 : i + 1);
  });
  return ranks;
}

/**
 * Rank within each category: the same order restricted to the category, ties kept (two entries tied
 * in the whole list are tied in their category too).
 */
export function categoryRanks(categories: readonly string[], sharesRank: readonly boolean[], style: RankingConfig["rank_style"]): number[] {
  // a tie block is a run of entries that share a rank; its number identifies it across categories
  const block: number[] = [];
  sharesRank.forEach((shares, i) => {
    block.push(i > 0 && shares ? (block[i - 1] as number) : i);
  });
  const members = new Map<string, number[]>();
  categories.forEach((c, i) => {
    const list = members.get(c);
    if (list) list.push(i);
    else members.set(c, [i]);
  });
  const out = new Array<number>(categories.length).fill(0);
  for (const indices of members.values()) {
    const shares = indices.map((idx, k) => k > 0 && block[idx] === block[indices[k - 1] as number]);
    ranksFor(shares, style).forEach((r, k) => {
      out[indices[k] as number] = r;
    });
  }
  return out;
}
