/** The ranking as every later stage sees it (newsletter, site, preview). Produced by rank/rank.ts. */
import type { RankingConfig } from "../edition/config-schema.js";
import type { Nominee } from "../edition/model.js";
import type { PublishedPlace } from "../edition/published.js";

export type { PublishedPlace };

export type Movement = { kind: "new" } | { kind: "same" } | { kind: "up"; by: number } | { kind: "down"; by: number };

export interface RankedEntry {
  id: string;
  nominee: Nominee;
  /** 1-based place in published order (always set, also in unranked mode). */
  position: number;
  /** Published rank; null in unranked mode. Shared by ties unless rank_style is ordinal. */
  rank: number | null;
  category_rank: number | null;
  /** round(100·F, 1); null in unranked mode. */
  points: number | null;
  /** Jury score J (after normalisation and aggregation); null without ballots or scores. */
  jury: number | null;
  votes: number;
  /** Number of ballots that counted (after conflicts). */
  ballots: number;
  movement: Movement;
  /** The tie-break that decided this entry's place against the one above it, if any ("count_back", "votes", "jury", "sort_name"). */
  tie_broken_by: string | null;
  /** Set when an issue that went out revealed this entry: its place is pinned (rank/pinned.ts). */
  published?: { issue: number; at: string } | undefined;
}

export interface Ranking {
  mode: "ranked" | "unranked";
  method: RankingConfig;
  /** In published order. */
  entries: RankedEntry[];
}
