/**
 * What went out stays put. Once an issue has revealed places, those nominees keep the place, rank,
 * points and category rank that the readers saw; everyone else is ranked among themselves (the
 * ranking as computed, with its ties and tie-breaks) into the places that are left, in order. A
 * published nominee who has since left the list (with a correction in edition.json) leaves a
 * vacant place: it cannot go to someone no issue would ever reveal. Pure.
 */
import type { RankingConfig } from "../edition/config-schema.js";
import { movement } from "./movement.js";
import type { PublishedPlace, RankedEntry, Ranking } from "./model.js";

/**
 * The ranking with the published places pinned. `ranking` is the list as the current data give it;
 * `previousRank` is last edition's rank of a nominee (previous.csv), for the movement of the
 * entries that move.
 */
export function pinPublished(
  ranking: Ranking,
  published: readonly PublishedPlace[],
  previousRank: (id: string) => number | undefined,
): Ranking {
  if (published.length === 0) return ranking;
  const byId = new Map(published.map((p) => [p.id, p]));
  const ranked = ranking.mode === "ranked";
  const style = ranking.method.rank_style;
  const taken = new Set(published.map((p) => p.position));
  const computed = ranking.entries;
  const unpinned = computed.filter((e) => !byId.has(e.id));
  const total = computed.length + published.filter((p) => !computed.some((e) => e.id === p.id)).length;
  const free: number[] = [];
  for (let position = 1; position <= total && free.length < unpinned.length; position++) if (!taken.has(position)) free.push(position);

  const placed: RankedEntry[] = computed
    .filter((e) => byId.has(e.id))
    .map((e) => {
      const p = byId.get(e.id) as PublishedPlace;
      return {
        ...e,
        position: p.position,
        rank: ranked ? p.rank : null,
        points: ranked ? p.points : null,
        category_rank: ranked ? p.categoryRank : null,
        movement: movement(previousRank(e.id), ranked ? p.rank : null),
        tie_broken_by: null,
        published: { issue: p.issue, at: p.publishedAt },
      };
    });
  // one pass in position order (the free positions ascend): the dense style's "highest rank so far"
  // is kept as a running maximum over the pinned entries passed and the entries placed (linear, not
  // a sort per entry: a 10,000-nominee list took seconds)
  const pinnedInOrder = [...placed].sort((a, b) => a.position - b.position);
  const indexOf = new Map(computed.map((e, i) => [e.id, i]));
  let passed = 0;
  let highestRank = 0;
  let previousPlaced: RankedEntry | undefined;
  unpinned.forEach((e, i) => {
    const position = free[i] as number;
    for (; passed < pinnedInOrder.length && (pinnedInOrder[passed] as RankedEntry).position < position; passed++)
      highestRank = Math.max(highestRank, (pinnedInOrder[passed] as RankedEntry).rank ?? 0);
    const previous = unpinned[i - 1];
    // a tie only holds between two entries that are still neighbours once the pinned ones are out
    const shares = e.tie_broken_by === "sort_name" && previous !== undefined && computed[(indexOf.get(e.id) as number) - 1] === previous;
    const rank = !ranked
      ? null
      : style === "ordinal"
        ? position
        : shares && previousPlaced
          ? previousPlaced.rank
          : style === "dense"
            ? 1 + highestRank
            : position;
    const entry: RankedEntry = { ...e, position, rank, movement: movement(previousRank(e.id), rank) };
    placed.push(entry);
    previousPlaced = entry;
    highestRank = Math.max(highestRank, rank ?? 0);
  });
  const entries = placed.sort((a, b) => a.position - b.position);
  return { ...ranking, entries: ranked ? withCategoryRanks(entries, style) : entries };
}

/** Category ranks of the entries that moved: after the published ones of their category, ties kept. */
function withCategoryRanks(entries: RankedEntry[], style: RankingConfig["rank_style"]): RankedEntry[] {
  const seen = new Map<string, { last: RankedEntry; count: number; ranks: Set<number | null> }>();
  return entries.map((e) => {
    const category = e.nominee.category;
    const earlier = seen.get(category);
    const last = earlier?.last;
    const out: RankedEntry = e.published
      ? e
      : last && last.rank !== null && last.rank === e.rank
        ? { ...e, category_rank: last.category_rank }
        : { ...e, category_rank: style === "dense" ? 1 + (earlier?.ranks.size ?? 0) : (earlier?.count ?? 0) + 1 };
    const ranks = earlier?.ranks ?? new Set<number | null>();
    ranks.add(out.category_rank);
    // `last` is the entry as it was before (the published one's own category rank, or the one just given)
    seen.set(category, { last: out, count: (earlier?.count ?? 0) + 1, ranks });
    return out;
  });
}
