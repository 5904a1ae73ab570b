/** `koepfe start` (npm start): the main job on an edition: check, then rank, then build — one load, one check. */
import type { Command } from "./command.js";
import { dirOf, str } from "./command.js";
import { EXIT } from "../lib/errors.js";

export const startCommand: Command = {
  name: "start",
  summary: "the main job: check, rank and build an edition",
  usage: "start [DIR] [--out DIR]",
  options: { out: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    // loaded here, not at start-up: sharp and the renderers would slow every other command
    const [{ start }, { formatText }, { formatSummary }, { formatRanking }] = await Promise.all([
      import("../app/start.js"),
      import("../check/report.js"),
      import("../build/summary.js"),
      import("../rank/format-ranking.js"),
    ]);
    const result = await start(dirOf(positionals[0]), str(values["out"]) ?? "public", { signal: io.signal, env: io.env });
    io.stdout.write(formatText(result.checked.problems, result.checked.files.length));
    if (result.ranking === null || result.build === null || result.checked.edition === null) return EXIT.dataError;
    io.stdout.write(formatRanking(result.checked.edition, result.ranking));
    io.stdout.write(formatSummary(result.build.summary));
    return EXIT.ok;
  },
};
