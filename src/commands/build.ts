/** `koepfe build [DIR] [--out DIR]`: the site and the newsletter issues, swapped in atomically. */
import type { Command } from "./command.js";
import { dirOf, str } from "./command.js";
import { formatSummary } from "../build/summary.js";
import { EXIT } from "../lib/errors.js";

export const buildCommand: Command = {
  name: "build",
  summary: "write the site and the newsletter issues (default out: public/)",
  usage: "build [DIR] [--out DIR]",
  options: { out: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    // loaded here, not at start-up: sharp and the renderers would slow every other command
    const { buildEdition } = await import("../app/build.js");
    const result = await buildEdition(dirOf(positionals[0]), { out: str(values["out"]) ?? "public", signal: io.signal });
    io.stdout.write(formatSummary(result.summary));
    return EXIT.ok;
  },
};
