/**
 * `koepfe build [DIR] [--out DIR] [--as-of ISO] [--json] [--no-cache]`: the site of the places public at --as-of (default
 * now), swapped in atomically; the newsletter issues compiled into the edition's state folder.
 */
import type { Command } from "./command.js";
import { dirOf, str } from "./command.js";
import { EXIT } from "../lib/errors.js";

export const buildCommand: Command = {
  name: "build",
  summary: "write the site of the places public now (or --as-of) and compile the newsletter issues (default out: public/)",
  usage: "build [DIR] [--out DIR] [--as-of ISO] [--json] [--no-cache]",
  options: { out: { type: "string" }, "as-of": { type: "string" }, json: { type: "boolean" }, "no-cache": { type: "boolean" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    // MJML loads on a thread of its own while the rest loads and the edition is checked
    (await import("../render/newsletter/mjml.js")).startMjmlThread();
    // loaded here, not at start-up: sharp and the renderers would slow every other command
    const [{ buildEdition }, { formatSummary }] = await Promise.all([import("../app/build.js"), import("../build/summary.js")]);
    const result = await buildEdition(dirOf(positionals[0]), {
      out: str(values["out"]) ?? "public",
      asOf: str(values["as-of"]) ?? null,
      noCache: values["no-cache"] === true,
      signal: io.signal,
      env: io.env,
    });
    // --json: one line, for the scheduled job's log of JSON lines
    io.stdout.write(values["json"] === true ? `${JSON.stringify({ event: "built", ...result.summary })}\n` : formatSummary(result.summary));
    return EXIT.ok;
  },
};
