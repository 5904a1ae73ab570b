import type { Command } from "./command.js";
import { KoepfeError } from "../lib/errors.js";

export const statusCommand: Command = {
  name: "status",
  summary: "per issue: schedule, delivery counts, what send --due would do",
  usage: "status [DIR]",
  options: {},
  positionals: ["DIR"],
  run() {
    return Promise.reject(new KoepfeError("E_NOT_IMPLEMENTED", "koepfe status is not available yet"));
  },
};
