/**
 * `koepfe rank`: the checked edition ranked once, and the view asked for — the list, one
 * explanation, the jurors' bias or the stability — plus the CSV export for the spreadsheet.
 */
import { EXIT, KoepfeError } from "../lib/errors.js";
import { didYouMean } from "../lib/suggest.js";
import { writeAtomic } from "../lib/write-atomic.js";
import type { Problem } from "../lib/problem.js";
import type { Edition } from "../edition/model.js";
import {
  explainNominee,
  jurorBias,
  rankEdition,
  rankingCsv,
  rankingJson,
  stability,
  type BiasTable,
  type NomineeExplanation,
  type Ranking,
  type Stability,
} from "../rank/index.js";
import { loadValidEdition } from "./checked-edition.js";

export type RankView = { kind: "list" } | { kind: "explain"; id: string } | { kind: "jurors" } | { kind: "stability" };

export interface RankRequest {
  dir: string;
  view: RankView;
  /** --csv FILE */
  csv: string | null;
  signal?: AbortSignal;
}

/** The files the ranking reads: their warnings (a conflict of interest excluded, say) matter here. */
const RANKING_FILES = new Set(["edition.json", "nominees.csv", "jury.csv", "votes.csv", "previous.csv"]);

export type RankOutput =
  | { kind: "list" }
  | { kind: "explain"; explanation: NomineeExplanation }
  | { kind: "jurors"; table: BiasTable }
  | { kind: "stability"; stability: Stability };

export interface RankResult {
  edition: Edition;
  ranking: Ranking;
  /** Warnings of the files the ranking reads; the others are only counted. */
  warnings: Problem[];
  otherWarnings: number;
  output: RankOutput;
  /** Entries written to --csv. */
  csvEntries: number | null;
}

export async function rank(request: RankRequest): Promise<RankResult> {
  const { edition, warnings } = await loadValidEdition(request.dir, { signal: request.signal });
  const view = request.view;
  if (view.kind === "explain" && !edition.nominees.some((n) => n.id === view.id)) {
    throw new KoepfeError(
      "E_UNKNOWN_NOMINEE",
      `no nominee "${view.id}" in nominees.csv${didYouMean(
        view.id,
        edition.nominees.map((n) => n.id),
      )}`,
      { exitCode: EXIT.usage },
    );
  }
  const ranking = rankEdition(edition);
  if (view.kind !== "list" && ranking.mode === "unranked") {
    throw new KoepfeError("E_UNRANKED", 'ranking.mode is "unranked": there are no places to explain or test', { exitCode: EXIT.usage });
  }
  let csvEntries: number | null = null;
  if (request.csv !== null) {
    await writeAtomic(request.csv, rankingCsv(rankingJson(edition, ranking)));
    csvEntries = ranking.entries.length;
  }
  const own = warnings.filter((w) => RANKING_FILES.has(w.file));
  return { edition, ranking, warnings: own, otherWarnings: warnings.length - own.length, output: viewOf(edition, view), csvEntries };
}

function viewOf(edition: Edition, view: RankView): RankOutput {
  switch (view.kind) {
    case "list":
      return { kind: "list" };
    case "explain": {
      const explanation = explainNominee(edition, view.id);
      if (!explanation) throw new KoepfeError("E_UNKNOWN_NOMINEE", `no nominee "${view.id}" on the list`, { exitCode: EXIT.usage });
      return { kind: "explain", explanation };
    }
    case "jurors":
      return { kind: "jurors", table: jurorBias(edition) };
    case "stability":
      return { kind: "stability", stability: stability(edition) };
  }
}
