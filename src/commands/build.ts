import type { Command } from "./command.js";
import { KoepfeError } from "../lib/errors.js";

export const buildCommand: Command = {
  name: "build",
  summary: "write the site and the newsletter issues (default out: public/)",
  usage: "build [DIR] [--out DIR]",
  options: {},
  positionals: ["DIR"],
  run() {
    return Promise.reject(new KoepfeError("E_NOT_IMPLEMENTED", "koepfe build is not available yet"));
  },
};
