/** `koepfe serve [DIR] [--host] [--port] [--trust-proxy]`: the edition's public endpoint. */
import type { Command } from "./command.js";
import { appIo, dirOf, parsePort, str } from "./command.js";

export const serveCommand: Command = {
  name: "serve",
  summary: "the public endpoint: sign-up (/anmelden), one-click unsubscribe (RFC 8058), ESP webhooks, /healthz",
  usage: "serve [DIR] [--host 127.0.0.1] [--port 8080] [--trust-proxy]",
  options: { host: { type: "string" }, port: { type: "string" }, "trust-proxy": { type: "boolean" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const { serve } = await import("../app/serve.js");
    return serve(
      {
        dir: dirOf(positionals[0]),
        host: str(values["host"]) ?? "127.0.0.1",
        port: parsePort(str(values["port"]), 8080, 0),
        trustProxy: values["trust-proxy"] === true,
      },
      appIo(io),
    );
  },
};
