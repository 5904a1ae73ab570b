/**
 * `koepfe bounces [DIR] --stdin | --maildir PATH | --mbox FILE | --imap URL [--imap-done FOLDER]
 * [--dry-run] [--json]`: bounce reports and complaints into the ledger and the suppression list.
 */
import type { Command } from "./command.js";
import { appIo, dirOf, str } from "./command.js";
import { UsageError } from "../lib/errors.js";
import type { BounceSource } from "../app/bounces.js";

function sourceOf(values: Record<string, unknown>, stdin: NodeJS.ReadableStream): BounceSource {
  const given = (["stdin", "maildir", "mbox", "imap"] as const).filter((k) => values[k] !== undefined && values[k] !== false);
  if (given.length !== 1) {
    throw new UsageError(
      given.length === 0
        ? "say where the reports are: --stdin, --maildir PATH, --mbox FILE or --imap URL"
        : `one source at a time (given: ${given.map((g) => `--${g}`).join(", ")})`,
    );
  }
  const done = str(values["imap-done"] as string | undefined);
  if (done !== undefined && given[0] !== "imap") throw new UsageError("--imap-done goes with --imap");
  if (done !== undefined && done.trim() === "") throw new UsageError("--imap-done needs a folder name, e.g. --imap-done Processed");
  switch (given[0]) {
    case "stdin":
      return { kind: "stdin", stream: stdin };
    case "maildir":
      return { kind: "maildir", path: String(values["maildir"]) };
    case "mbox":
      return { kind: "mbox", path: String(values["mbox"]) };
    default:
      return { kind: "imap", url: String(values["imap"]), doneFolder: done ?? null };
  }
}

export const bouncesCommand: Command = {
  name: "bounces",
  summary: "read bounce reports and complaints (stdin, Maildir, mbox, IMAP): suppress, count, alarm",
  usage: "bounces [DIR] --stdin | --maildir PATH | --mbox FILE | --imap URL [--imap-done FOLDER] [--dry-run] [--json]",
  options: {
    stdin: { type: "boolean" },
    maildir: { type: "string" },
    mbox: { type: "string" },
    imap: { type: "string" },
    "imap-done": { type: "string" },
    "dry-run": { type: "boolean" },
    json: { type: "boolean" },
  },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const { processBounces } = await import("../app/bounces.js");
    return processBounces(
      {
        dir: dirOf(positionals[0]),
        source: sourceOf(values, io.stdin ?? process.stdin),
        dryRun: values["dry-run"] === true,
        json: values["json"] === true,
      },
      appIo(io),
    );
  },
};
