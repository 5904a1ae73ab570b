/** `koepfe rank`: check the edition, rank it, and show the list, one explanation, the jurors or the stability. */
import type { Command } from "./command.js";
import { dirOf, str } from "./command.js";
import type { RankView } from "../app/rank.js";
import { EXIT, UsageError } from "../lib/errors.js";
import type { PublishedPlace } from "../rank/model.js";
import type { Correction } from "../edition/config-schema.js";
import { printable } from "../lib/text-safety.js";

const json = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;

/** Above the explanation: the place that went out (it stays) and the corrections of the entry. */
function publicationLines(published: PublishedPlace | null, corrections: readonly Correction[], rankFromData: number | null): string {
  const lines: string[] = [];
  if (published) {
    lines.push(
      `Published at place ${published.rank ?? published.position} by issue ${published.issue} on ${published.publishedAt}: the place stays (what went out stays put).`,
    );
    if (rankFromData !== published.rank) lines.push(`The current data alone would give place ${rankFromData ?? "–"} (explained below).`);
  }
  for (const c of corrections) lines.push(`Korrektur vom ${c.date}: ${printable(c.text)}`);
  return lines.length === 0 ? "" : `${lines.join("\n")}\n\n`;
}

function viewOf(values: Record<string, unknown>): RankView {
  const explain = str(values["explain"] as string | undefined);
  const views = [explain !== undefined, values["jurors"] === true, values["stability"] === true].filter(Boolean).length;
  if (views > 1) throw new UsageError("--explain, --jurors and --stability are separate views: choose one");
  if (explain !== undefined && explain.trim() === "")
    throw new UsageError("--explain needs a nominee id (the juror bias table is --jurors)");
  if (explain !== undefined) return { kind: "explain", id: explain };
  if (values["jurors"] === true) return { kind: "jurors" };
  if (values["stability"] === true) return { kind: "stability" };
  return { kind: "list" };
}

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
    const view = viewOf(values);
    const csv = str(values["csv"]);
    if (csv !== undefined && csv.trim() === "") throw new UsageError("--csv needs a file name");
    const [{ rank }, { formatProblem }, { formatBias, formatExplanation, formatRanking, formatStability, rankingJson }] = await Promise.all(
      [import("../app/rank.js"), import("../check/report.js"), import("../rank/index.js")],
    );
    const result = await rank({ dir: dirOf(positionals[0]), view, csv: csv ?? null, signal: io.signal, env: io.env });
    if (values["quiet"] !== true) {
      for (const w of result.warnings) io.stderr.write(`${formatProblem(w)}\n`);
      const n = result.otherWarnings;
      if (n > 0)
        io.stderr.write(`(${n} more warning${n === 1 ? "" : "s"} concern${n === 1 ? "s" : ""} other stages: "koepfe check" lists them)\n`);
    }
    if (result.csvEntries !== null) io.stderr.write(`wrote ${result.csvEntries} entries to ${csv}\n`);
    const asJson = values["json"] === true;
    const { edition, ranking, output } = result;
    switch (output.kind) {
      case "explain": {
        const x = output.explanation;
        const entry = rankingJson(edition, { ...ranking, entries: [output.entry] }).entries[0];
        io.stdout.write(
          asJson
            ? json({ ...x, entry, published: output.published, corrections: output.corrections })
            : publicationLines(output.published, output.corrections, x.entry.rank) + formatExplanation(edition, x),
        );
        break;
      }
      case "jurors":
        io.stdout.write(asJson ? json(output.table) : formatBias(output.table));
        break;
      case "stability":
        io.stdout.write(asJson ? json(output.stability) : formatStability(output.stability));
        break;
      case "list":
        io.stdout.write(asJson ? json(rankingJson(edition, ranking)) : formatRanking(edition, ranking));
        break;
    }
    return EXIT.ok;
  },
};
