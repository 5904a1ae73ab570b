/**
 * The ranking as data for other tools: `--json` (the shape of docs/ranking.md) and `--csv` for the
 * editorial spreadsheet.
 */
import type { Edition } from "../edition/model.js";
import type { RankingConfig } from "../edition/config-schema.js";
import type { Ranking } from "./model.js";
import { movementText } from "./movement.js";
import { spreadsheetCsv } from "../lib/csv-export.js";

export interface RankingJsonEntry {
  id: string;
  name: string;
  rank: number | null;
  category: string;
  category_rank: number | null;
  points: number | null;
  jury: number | null;
  votes: number;
  ballots: number;
  movement: string;
  tie_broken_by: string | null;
}

export interface RankingJson {
  /** The edition's title. */
  edition: string;
  /** The effective ranking config, defaults filled in. */
  method: RankingConfig;
  entries: RankingJsonEntry[];
}

/** J to six decimals: enough to compare, without floating-point noise in the spreadsheet. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function rankingJson(edition: Edition, ranking: Ranking): RankingJson {
  return {
    edition: edition.config.title,
    method: ranking.method,
    entries: ranking.entries.map((e) => ({
      id: e.id,
      name: e.nominee.name,
      rank: e.rank,
      category: e.nominee.category,
      category_rank: e.category_rank,
      points: e.points,
      jury: e.jury === null ? null : round6(e.jury),
      votes: e.votes,
      ballots: e.ballots,
      movement: movementText(e.movement),
      tie_broken_by: e.tie_broken_by,
    })),
  };
}

const COLUMNS = [
  "id",
  "name",
  "rank",
  "category",
  "category_rank",
  "points",
  "jury",
  "votes",
  "ballots",
  "movement",
  "tie_broken_by",
] as const;

/** The ranking for the editorial spreadsheet (lib/csv-export.ts: German Excel, formulas guarded). */
export function rankingCsv(json: RankingJson): string {
  return spreadsheetCsv(
    COLUMNS,
    json.entries.map((e) => COLUMNS.map((c) => e[c])),
  );
}
