/** `koepfe preview [DIR] [--port 4000]`: the editors' local server; stops on Ctrl-C. */
import type { Command } from "./command.js";
import { dirOf, parsePort, str } from "./command.js";
import { EXIT } from "../lib/errors.js";

export const previewCommand: Command = {
  name: "preview",
  summary: "serve the built site on 127.0.0.1 and rebuild on changes",
  usage: "preview [DIR] [--port 4000]",
  options: { port: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const port = parsePort(str(values["port"]), 4000);
    // loaded here, not at start-up: the build's sharp and renderers would slow every other command
    const [{ preview }, { untilAborted }] = await Promise.all([import("../app/preview.js"), import("../app/serve.js")]);
    const server = await preview({ dir: dirOf(positionals[0]), port, log: (line) => io.stderr.write(`preview: ${line}\n`) });
    const origin = new URL(server.url).origin;
    io.stdout.write(`preview: ${server.url} (editors' page: ${origin}/_koepfe/); Ctrl-C stops\n`);
    await untilAborted(io.signal);
    await server.close();
    io.stdout.write("preview: stopped\n");
    return EXIT.ok;
  },
};
