import type { Command } from "./command.js";
import { KoepfeError } from "../lib/errors.js";

export const sendCommand: Command = {
  name: "send",
  summary: "send a newsletter issue (resumable), or every due issue with --due",
  usage: "send [ISSUE] [DIR] [--due] [--test ADDRS] [--dry-run]",
  options: {},
  positionals: ["DIR"],
  run() {
    return Promise.reject(new KoepfeError("E_NOT_IMPLEMENTED", "koepfe send is not available yet"));
  },
};
