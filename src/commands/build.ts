/** `koepfe build [DIR] [--out DIR]`: the site and the newsletter issues, swapped in atomically. */
import type { Command } from "./command.js";
import { str } from "./command.js";
import { buildEdition } from "../build/build.js";
import { formatSummary } from "../build/summary.js";
import { EXIT } from "../lib/errors.js";

export const buildCommand: Command = {
  name: "build",
  summary: "write the site and the newsletter issues (default out: public/)",
  usage: "build [DIR] [--out DIR]",
  options: { out: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const result = await buildEdition({ dir: positionals[0] ?? "data", out: str(values["out"]) ?? "public" });
    io.stdout.write(formatSummary(result.summary));
    return EXIT.ok;
  },
};
