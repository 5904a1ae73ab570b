import type { Command } from "./command.js";
import { KoepfeError } from "../lib/errors.js";

export const previewCommand: Command = {
  name: "preview",
  summary: "serve the built site on 127.0.0.1 and rebuild on changes",
  usage: "preview [DIR] [--port 4000]",
  options: {},
  positionals: ["DIR"],
  run() {
    return Promise.reject(new KoepfeError("E_NOT_IMPLEMENTED", "koepfe preview is not available yet"));
  },
};
