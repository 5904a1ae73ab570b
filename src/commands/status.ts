import type { Command } from "./command.js";
import { EXIT } from "../lib/errors.js";
import { formatStatus, sendStatus } from "../send/status.js";

export const statusCommand: Command = {
  name: "status",
  summary: "per issue: time (local and UTC), what send --due would do, delivery counts",
  usage: "status [DIR] [--json] [--now ISO]",
  options: { json: { type: "boolean" }, now: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const status = await sendStatus(positionals[0] ?? "data", io.env, typeof values["now"] === "string" ? values["now"] : null);
    io.stdout.write(values["json"] ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    return EXIT.ok;
  },
};
