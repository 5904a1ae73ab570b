/** `koepfe rank`: check the edition, rank it, and show the list, one explanation, the jurors or the stability. */
import type { Command } from "./command.js";
import { str } from "./command.js";
import { requireValidEdition } from "../check/check.js";
import { formatProblem } from "../check/report.js";
import { EXIT, KoepfeError, UsageError } from "../lib/errors.js";
import { didYouMean } from "../lib/suggest.js";
import { writeAtomic } from "../lib/write-atomic.js";
import {
  rankEdition,
  explainNominee,
  stability,
  jurorBias,
  rankingJson,
  rankingCsv,
  formatRanking,
  formatExplanation,
  formatBias,
  formatStability,
} from "../rank/index.js";

/** The files the ranking reads: their warnings (a conflict of interest excluded, say) matter here. */
const RANKING_FILES = new Set(["edition.json", "nominees.csv", "jury.csv", "votes.csv", "previous.csv"]);

const json = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;

export const rankCommand: Command = {
  name: "rank",
  summary: "rank the nominees and explain every place",
  usage: "rank [DIR] [--json] [--csv FILE] [--explain ID | --jurors | --stability] [--quiet]",
  options: {
    quiet: { type: "boolean" },
    json: { type: "boolean" },
    csv: { type: "string" },
    explain: { type: "string" },
    jurors: { type: "boolean" },
    stability: { type: "boolean" },
  },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const explain = str(values["explain"]);
    const views = [explain !== undefined, values["jurors"] === true, values["stability"] === true].filter(Boolean).length;
    if (views > 1) throw new UsageError("--explain, --jurors and --stability are separate views: choose one");
    if (explain !== undefined && explain.trim() === "")
      throw new UsageError("--explain needs a nominee id (the juror bias table is --jurors)");
    const csv = str(values["csv"]);
    if (csv !== undefined && csv.trim() === "") throw new UsageError("--csv needs a file name");

    const { edition, warnings } = await requireValidEdition(positionals[0] ?? "data");
    if (explain !== undefined && !edition.nominees.some((n) => n.id === explain)) {
      throw new KoepfeError(
        "E_UNKNOWN_NOMINEE",
        `no nominee "${explain}" in nominees.csv${didYouMean(
          explain,
          edition.nominees.map((n) => n.id),
        )}`,
        { exitCode: EXIT.usage },
      );
    }
    // --quiet: `koepfe start` has just printed the whole check report
    const own = values["quiet"] === true ? [] : warnings.filter((w) => RANKING_FILES.has(w.file));
    for (const w of own) io.stderr.write(`${formatProblem(w)}\n`);
    const others = warnings.length - own.length;
    if (others > 0 && values["quiet"] !== true)
      io.stderr.write(
        `(${others} more warning${others === 1 ? "" : "s"} concern${others === 1 ? "s" : ""} other stages: "koepfe check" lists them)\n`,
      );
    const ranking = rankEdition(edition);
    if (views > 0 && ranking.mode === "unranked") {
      throw new KoepfeError("E_UNRANKED", 'ranking.mode is "unranked": there are no places to explain or test', { exitCode: EXIT.usage });
    }
    if (csv !== undefined) {
      await writeAtomic(csv, rankingCsv(rankingJson(edition, ranking)));
      io.stderr.write(`wrote ${ranking.entries.length} entries to ${csv}\n`);
    }
    const asJson = values["json"] === true;
    if (explain !== undefined) {
      const x = explainNominee(edition, explain);
      if (!x) throw new KoepfeError("E_UNKNOWN_NOMINEE", `no nominee "${explain}" on the list`, { exitCode: EXIT.usage });
      io.stdout.write(
        asJson ? json({ ...x, entry: rankingJson(edition, { ...ranking, entries: [x.entry] }).entries[0] }) : formatExplanation(edition, x),
      );
    } else if (values["jurors"] === true) {
      const table = jurorBias(edition);
      io.stdout.write(asJson ? json(table) : formatBias(table));
    } else if (values["stability"] === true) {
      const s = stability(edition);
      io.stdout.write(asJson ? json(s) : formatStability(s));
    } else {
      io.stdout.write(asJson ? json(rankingJson(edition, ranking)) : formatRanking(edition, ranking));
    }
    return EXIT.ok;
  },
};
