/**
 * Which nominees each newsletter issue reveals, and in what order. Pure.
 *
 * Selection: `ranks: [a, b]` takes every entry whose published rank lies between a and b (either order;
 * tied entries travel together), `category` every entry of that category, `ids` exactly those nominees.
 * Mail order: in ranked mode a countdown (highest rank number first, the best last; ties in published
 * order); in unranked mode published order; an `ids` list keeps the order it is written in.
 */
import type { Edition } from "../../edition/model.js";
import type { NewsletterIssue } from "../../edition/config-schema.js";
import type { Ranking, RankedEntry } from "../../rank/model.js";
import { resolveSendAt } from "./send-at.js";

export interface PlannedIssue {
  /** The issue as configured, or as the default plan made it (whose `send_at` may be ""). */
  issue: NewsletterIssue;
  /** JSON path for problems: "newsletter.issues[2]", or "newsletter" for the default plan. */
  field: string;
  entries: RankedEntry[];
}

const BLOCK = 10;
/** A countdown reveals the top hundred at most: ten issues of ten places. Longer lists are on the site in full. */
const COUNTDOWN_PLACES = 100;

function countdown(entries: RankedEntry[]): RankedEntry[] {
  return [...entries].sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0) || a.position - b.position);
}

/** The entries an issue reveals, in mail order. Unknown ids and categories select nothing (`check` reports them). */
export function selectEntries(issue: NewsletterIssue, ranking: Ranking): RankedEntry[] {
  const ordered = (xs: RankedEntry[]) => (ranking.mode === "ranked" ? countdown(xs) : [...xs].sort((a, b) => a.position - b.position));
  if (issue.ranks) {
    const lo = Math.min(...issue.ranks);
    const hi = Math.max(...issue.ranks);
    return ordered(ranking.entries.filter((e) => e.rank !== null && e.rank >= lo && e.rank <= hi));
  }
  if (issue.category !== undefined) return ordered(ranking.entries.filter((e) => e.nominee.category === issue.category));
  const byId = new Map(ranking.entries.map((e) => [e.id, e]));
  return (issue.ids ?? []).flatMap((id) => byId.get(id) ?? []);
}

/** "yyyy-MM-ddTHH:mm" of start_at plus `days` (calendar days: the wall time stays across a DST change), or "". */
function nthDay(edition: Edition, days: number): string {
  const start = edition.config.newsletter?.start_at;
  if (start === undefined) return "";
  const resolved = resolveSendAt(start, edition.config.timezone);
  return resolved.ok ? resolved.dateTime.plus({ days }).toFormat("yyyy-MM-dd'T'HH:mm") : "";
}

/**
 * The plan used when edition.json has no `newsletter.issues`.
 * Ranked: blocks of ten places counting down (…, 20–11, 10–1), so the top ten is always the finale
 * and a list whose length is not a multiple of ten opens with the shorter block (95 places: 95–91, 90–81, …).
 * At most the top 100 (ten issues): a 10,000-name list does not become 1,000 mails.
 * Unranked: one issue per category, in the order of edition.json.
 * send_at: `newsletter.start_at` for the first issue and one calendar day later for each next one;
 * without start_at the issues have no time ("") and are only built, not scheduled.
 */
export function defaultIssues(edition: Edition, ranking: Ranking): NewsletterIssue[] {
  const title = edition.config.title;
  if (ranking.mode === "unranked") {
    const used = new Set(ranking.entries.map((e) => e.nominee.category));
    return edition.config.categories
      .filter((c) => used.has(c.id))
      .map((c, i) => ({
        number: i + 1,
        send_at: nthDay(edition, i),
        subject: `${title}: ${c.name}`,
        preheader: `Die Köpfe der Kategorie ${c.name}.`,
        category: c.id,
      }));
  }
  const ranks = new Set(ranking.entries.flatMap((e) => (e.rank === null ? [] : [e.rank])));
  const maxRank = Math.min(COUNTDOWN_PLACES, Math.max(0, ...ranks));
  const blocks: [number, number][] = [];
  for (let hi = maxRank; hi >= 1; ) {
    const lo = Math.floor((hi - 1) / BLOCK) * BLOCK + 1;
    if ([...ranks].some((r) => r >= lo && r <= hi)) blocks.push([lo, hi]);
    hi = lo - 1;
  }
  return blocks.map(([lo, hi], i) => {
    const places = lo === hi ? `Platz ${lo}` : `Plätze ${hi} bis ${lo}`;
    return {
      number: i + 1,
      send_at: nthDay(edition, i),
      subject: `${title}: ${places}`,
      preheader: `${places}: wer es in die ${title} geschafft hat.`,
      ranks: [lo, hi],
    };
  });
}

/**
 * Every issue with its entries: the configured issues, or the default plan. An issue that went out
 * keeps exactly the nominees it revealed (`published`: issue → ids); the others never select a
 * nominee an issue already revealed, so every nominee is in one issue whatever changed since.
 */
export function planIssues(
  edition: Edition,
  ranking: Ranking,
  published: ReadonlyMap<number, readonly string[]> = new Map(),
): PlannedIssue[] {
  const configured = edition.config.newsletter?.issues;
  const planned = configured
    ? configured.map((issue, i) => ({ issue, field: `newsletter.issues[${i}]` }))
    : defaultIssues(edition, ranking).map((issue) => ({ issue, field: "newsletter" }));
  const revealed = new Set([...published.values()].flat());
  const byId = new Map(ranking.entries.map((e) => [e.id, e]));
  return planned.map((p) => {
    const ids = published.get(p.issue.number);
    if (ids) return { ...p, entries: countdown(ids.flatMap((id) => byId.get(id) ?? [])) };
    return { ...p, entries: selectEntries(p.issue, ranking).filter((e) => !revealed.has(e.id)) };
  });
}
