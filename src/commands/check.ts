/** `koepfe check [DIR] [--json] [--subscribers FILE]`: every problem of the edition, located. */
import type { Command } from "./command.js";
import { dirOf, str } from "./command.js";
import { EXIT } from "../lib/errors.js";

export const checkCommand: Command = {
  name: "check",
  summary: "check an edition folder and report every problem with file:line:column",
  usage: "check [DIR] [--json] [--subscribers FILE]",
  options: { json: { type: "boolean" }, subscribers: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const [{ checkEdition }, { formatJson, formatText }] = await Promise.all([
      import("../app/checked-edition.js"),
      import("../check/report.js"),
    ]);
    const result = await checkEdition(dirOf(positionals[0]), { subscribersFile: str(values["subscribers"]), signal: io.signal });
    io.stdout.write(values["json"] ? formatJson(result.problems) : formatText(result.problems, result.files.length));
    return result.valid ? EXIT.ok : EXIT.dataError;
  },
};
