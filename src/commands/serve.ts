import type { Command } from "./command.js";
import { KoepfeError } from "../lib/errors.js";

export const serveCommand: Command = {
  name: "serve",
  summary: "the one-click unsubscribe server",
  usage: "serve [DIR] [--host 127.0.0.1] [--port 8080]",
  options: {},
  positionals: ["DIR"],
  run() {
    return Promise.reject(new KoepfeError("E_NOT_IMPLEMENTED", "koepfe serve is not available yet"));
  },
};
