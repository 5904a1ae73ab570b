/** `koepfe preview [DIR] [--port 4000]`: the editors' local server; stops on Ctrl-C. */
import type { Command } from "./command.js";
import { str } from "./command.js";
import { EXIT, UsageError } from "../lib/errors.js";

function parsePort(value: string | undefined): number {
  if (value === undefined) return 4000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new UsageError(`--port must be a number from 1 to 65535, not "${value}"`);
  return port;
}

export const previewCommand: Command = {
  name: "preview",
  summary: "serve the built site on 127.0.0.1 and rebuild on changes",
  usage: "preview [DIR] [--port 4000]",
  options: { port: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const port = parsePort(str(values["port"]));
    // loaded here, not at start-up: the build's sharp and renderers would slow every other command
    const { startPreview } = await import("../serve/preview/server.js");
    const server = await startPreview({ dir: positionals[0] ?? "data", port, log: (line) => io.stderr.write(`preview: ${line}\n`) });
    const origin = new URL(server.url).origin;
    io.stdout.write(`preview: ${server.url} (editors' page: ${origin}/_koepfe/); Ctrl-C stops\n`);
    if (!io.signal.aborted) await new Promise<void>((resolve) => io.signal.addEventListener("abort", () => resolve(), { once: true }));
    await server.close();
    io.stdout.write("preview: stopped\n");
    return EXIT.ok;
  },
};
