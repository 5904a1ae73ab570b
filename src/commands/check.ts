import type { Command } from "./command.js";
import { checkEdition } from "../check/check.js";
import { formatJson, formatText } from "../check/report.js";
import { EXIT } from "../lib/errors.js";

export const checkCommand: Command = {
  name: "check",
  summary: "check an edition folder and report every problem with file:line:column",
  usage: "check [DIR] [--json] [--subscribers FILE]",
  options: { json: { type: "boolean" }, subscribers: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const subscribers = typeof values["subscribers"] === "string" ? values["subscribers"] : undefined;
    const result = await checkEdition(positionals[0] ?? "data", subscribers ? { subscribersFile: subscribers } : {});
    io.stdout.write(values["json"] ? formatJson(result.problems) : formatText(result.problems, result.files.length));
    return result.valid ? EXIT.ok : EXIT.dataError;
  },
};
