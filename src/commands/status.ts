/** `koepfe status [DIR] [--json] [--now ISO]`: per issue its time, what send --due would do, the counts. */
import type { Command } from "./command.js";
import { dirOf, str } from "./command.js";
import { EXIT } from "../lib/errors.js";

export const statusCommand: Command = {
  name: "status",
  summary: "per issue: time (local and UTC), what send --due would do, delivery counts",
  usage: "status [DIR] [--json] [--now ISO]",
  options: { json: { type: "boolean" }, now: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const { formatStatus, sendStatus } = await import("../app/status.js");
    const status = await sendStatus(dirOf(positionals[0]), io.env, str(values["now"]) ?? null);
    io.stdout.write(values["json"] ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    return EXIT.ok;
  },
};
