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

/** The rank of a new group at `position`, given the entries already placed before it. */
function groupRank(style: RankingConfig["rank_style"], position: number, before: readonly RankedEntry[]): number {
  if (style !== "dense") return position;
  return 1 + Math.max(0, ...before.map((e) => e.rank ?? 0));
}

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
  const inOrder = (): RankedEntry[] => [...placed].sort((a, b) => a.position - b.position);
  unpinned.forEach((e, i) => {
    const position = free[i] as number;
    const previous = unpinned[i - 1];
    // a tie only holds between two entries that are still neighbours once the pinned ones are out
    const shares = e.tie_broken_by === "sort_name" && previous !== undefined && computed[computed.indexOf(e) - 1] === previous;
    const before = inOrder().filter((x) => x.position < position);
    const previousPlaced = placed.find((x) => x.id === previous?.id);
    const rank = !ranked
      ? null
      : style === "ordinal"
        ? position
        : shares && previousPlaced
          ? previousPlaced.rank
          : groupRank(style, position, before);
    placed.push({ ...e, position, rank, movement: movement(previousRank(e.id), rank) });
  });
  const entries = inOrder();
  return { ...ranking, entries: ranked ? withCategoryRanks(entries, style) : entries };
}

/** Category ranks of the entries that moved: after the published ones of their category, ties kept. */
function withCategoryRanks(entries: RankedEntry[], style: RankingConfig["rank_style"]): RankedEntry[] {
  const seen = new Map<string, RankedEntry[]>();
  return entries.map((e) => {
    const category = e.nominee.category;
    const earlier = seen.get(category) ?? [];
    seen.set(category, [...earlier, e]);
    if (e.published) return e;
    const last = earlier.at(-1);
    if (last && last.rank !== null && last.rank === e.rank) return { ...e, category_rank: last.category_rank };
    const categoryRank = style === "dense" ? 1 + new Set(earlier.map((x) => x.category_rank)).size : earlier.length + 1;
    return { ...e, category_rank: categoryRank };
  });
}
