/** `koepfe suppressions [DIR] [--csv FILE]`: the suppression list, or its export for the spreadsheet. */
import type { Command } from "./command.js";
import { dirOf, str } from "./command.js";
import { EXIT } from "../lib/errors.js";
import { printable } from "../lib/text-safety.js";

const plural = (n: number) => `${n} suppressed address${n === 1 ? "" : "es"}`;

export const suppressionsCommand: Command = {
  name: "suppressions",
  summary: "list the suppression list, or export it as CSV",
  usage: "suppressions [DIR] [--csv FILE]",
  options: { csv: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const { suppressions } = await import("../app/suppressions.js");
    const result = await suppressions(dirOf(positionals[0]), str(values["csv"]) ?? null, io.env);
    if (result.csv !== null) {
      io.stdout.write(`${plural(result.list.length)} written to ${result.csv}\n`);
      return EXIT.ok;
    }
    for (const s of result.list) io.stdout.write(`${printable(s.email)}\t${printable(s.reason)}\t${printable(s.source)}\t${s.createdAt}\n`);
    io.stdout.write(`${plural(result.list.length)}${result.ledger ? "" : " (no ledger yet)"}\n`);
    return EXIT.ok;
  },
};
