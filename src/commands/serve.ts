/** `koepfe serve [DIR] [--host] [--port]`: the edition's public endpoint (one-click unsubscribe, /healthz). */
import type { Command } from "./command.js";
import { appIo, dirOf, parsePort, str } from "./command.js";
import { serve } from "../app/serve.js";

export const serveCommand: Command = {
  name: "serve",
  summary: "the one-click unsubscribe endpoint (RFC 8058) and /healthz",
  usage: "serve [DIR] [--host 127.0.0.1] [--port 8080]",
  options: { host: { type: "string" }, port: { type: "string" } },
  positionals: ["DIR"],
  run({ positionals, values }, io) {
    return serve(
      { dir: dirOf(positionals[0]), host: str(values["host"]) ?? "127.0.0.1", port: parsePort(str(values["port"]), 8080, 0) },
      appIo(io),
    );
  },
};
