import type { Command } from "./command.js";
import { KoepfeError } from "../lib/errors.js";

export const suppressionsCommand: Command = {
  name: "suppressions",
  summary: "list or export the suppression list",
  usage: "suppressions [DIR] [--csv FILE]",
  options: {},
  positionals: ["DIR"],
  run() {
    return Promise.reject(new KoepfeError("E_NOT_IMPLEMENTED", "koepfe suppressions is not available yet"));
  },
};
