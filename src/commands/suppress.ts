import type { Command } from "./command.js";
import { KoepfeError } from "../lib/errors.js";

export const suppressCommand: Command = {
  name: "suppress",
  summary: "add addresses to the suppression list",
  usage: "suppress EMAIL... [--reason TEXT] [--dir DIR]",
  options: {},
  positionals: ["DIR"],
  run() {
    return Promise.reject(new KoepfeError("E_NOT_IMPLEMENTED", "koepfe suppress is not available yet"));
  },
};
