/** `koepfe start` (npm start): the main job on an edition: check, then rank, then build. */
import type { Command } from "./command.js";
import { checkCommand } from "./check.js";
import { rankCommand } from "./rank.js";
import { buildCommand } from "./build.js";
import { EXIT } from "../lib/errors.js";

export const startCommand: Command = {
  name: "start",
  summary: "the main job: check, rank and build an edition",
  usage: "start [DIR] [--out DIR]",
  options: { out: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const checked = await checkCommand.run({ positionals, values: {} }, io);
    if (checked !== EXIT.ok) return checked;
    const ranked = await rankCommand.run({ positionals, values: { quiet: true } }, io);
    if (ranked !== EXIT.ok) return ranked;
    return buildCommand.run({ positionals, values: { out: values["out"] } }, io);
  },
};
