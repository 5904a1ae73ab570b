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
  rankingCsv,
  rankingJson,
  stability,
  type BiasTable,
  type NomineeExplanation,
  type Ranking,
  type Stability,
} from "../rank/index.js";
import { loadValidEdition } from "./checked-edition.js";
import { rankForPublication, type PublishedState } from "./publication.js";
import type { PublishedPlace, RankedEntry } from "../rank/model.js";
import type { Correction } from "../edition/config-schema.js";

export type RankView = { kind: "list" } | { kind: "explain"; id: string } | { kind: "jurors" } | { kind: "stability" };

export interface RankRequest {
  dir: string;
  view: RankView;
  /** --csv FILE */
  csv: string | null;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/** The files the ranking reads: their warnings (a conflict of interest excluded, say) matter here. */
const RANKING_FILES = new Set(["edition.json", "nominees.csv", "jury.csv", "votes.csv", "previous.csv"]);

export type RankOutput =
  | { kind: "list" }
  | {
      kind: "explain";
      explanation: NomineeExplanation;
      /** The place it went out with, when an issue revealed it: that place stays. */
      published: PublishedPlace | null;
      corrections: Correction[];
      /** The entry as published now (pinned). */
      entry: RankedEntry;
    }
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
  const { edition, warnings, published } = await loadValidEdition(request.dir, { signal: request.signal, env: request.env });
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
  // what went out stays put: the published places are pinned, the others ranked around them
  const ranking = rankForPublication(edition, published);
  if (view.kind !== "list" && ranking.mode === "unranked") {
    throw new KoepfeError("E_UNRANKED", 'ranking.mode is "unranked": there are no places to explain or test', { exitCode: EXIT.usage });
  }
  let csvEntries: number | null = null;
  if (request.csv !== null) {
    await writeAtomic(request.csv, rankingCsv(rankingJson(edition, ranking)));
    csvEntries = ranking.entries.length;
  }
  const own = warnings.filter((w) => RANKING_FILES.has(w.file));
  return {
    edition,
    ranking,
    warnings: own,
    otherWarnings: warnings.length - own.length,
    output: viewOf(edition, view, published, ranking),
    csvEntries,
  };
}

function viewOf(edition: Edition, view: RankView, published: PublishedState, ranking: Ranking): RankOutput {
  switch (view.kind) {
    case "list":
      return { kind: "list" };
    case "explain": {
      const explanation = explainNominee(edition, view.id);
      if (!explanation) throw new KoepfeError("E_UNKNOWN_NOMINEE", `no nominee "${view.id}" on the list`, { exitCode: EXIT.usage });
      const place = published.places.find((p) => p.id === view.id) ?? null;
      const corrections = (edition.config.corrections ?? []).filter((c) => c.id === view.id);
      const entry = ranking.entries.find((e) => e.id === view.id) ?? explanation.entry;
      return { kind: "explain", explanation, published: place, corrections, entry };
    }
    case "jurors":
      return { kind: "jurors", table: jurorBias(edition) };
    case "stability":
      return { kind: "stability", stability: stability(edition) };
  }
}
