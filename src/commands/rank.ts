import type { Command } from "./command.js";
import { KoepfeError } from "../lib/errors.js";

export const rankCommand: Command = {
  name: "rank",
  summary: "rank the nominees and explain every place",
  usage: "rank [DIR] [--json] [--csv FILE] [--explain [ID]] [--stability]",
  options: {},
  positionals: ["DIR"],
  run() {
    return Promise.reject(new KoepfeError("E_NOT_IMPLEMENTED", "koepfe rank is not available yet"));
  },
};
