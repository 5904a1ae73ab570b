import type { Command } from "./command.js";
import { EXIT } from "../lib/errors.js";
import { formatStatus, sendStatus } from "../send/status.js";

export const statusCommand: Command = {
  name: "status",
  summary: "per issue: schedule, delivery counts and whether it is complete",
  usage: "status [DIR] [--json]",
  options: { json: { type: "boolean" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const status = await sendStatus(positionals[0] ?? "data", io.env);
    io.stdout.write(values["json"] ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    return EXIT.ok;
  },
};
