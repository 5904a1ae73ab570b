import path from "node:path";
import type { Command } from "./command.js";
import { str } from "./command.js";
import { EXIT } from "../lib/errors.js";
import { writeAtomic } from "../lib/write-atomic.js";
import { assertEditionDir } from "../edition/load.js";
import { openExistingLedger, STATE_ENV } from "../send/ledger/location.js";
import { suppressionsCsv } from "../send/suppressions-csv.js";
import { printable } from "../lib/text-safety.js";

export const suppressionsCommand: Command = {
  name: "suppressions",
  summary: "list the suppression list, or export it as CSV",
  usage: "suppressions [DIR] [--csv FILE]",
  options: { csv: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const dir = positionals[0] ?? "data";
    if (!io.env[STATE_ENV]) await assertEditionDir(dir);
    const ledger = openExistingLedger(dir, io.env);
    const list = ledger?.suppressions.list() ?? [];
    ledger?.close();
    const csv = str(values["csv"]);
    if (csv !== undefined) {
      const target = path.resolve(csv);
      await writeAtomic(target, suppressionsCsv(list));
      io.stdout.write(`${list.length} suppressed address${list.length === 1 ? "" : "es"} written to ${target}\n`);
      return EXIT.ok;
    }
    for (const s of list) io.stdout.write(`${printable(s.email)}\t${printable(s.reason)}\t${printable(s.source)}\t${s.createdAt}\n`);
    io.stdout.write(`${list.length} suppressed address${list.length === 1 ? "" : "es"}${ledger ? "" : " (no ledger yet)"}\n`);
    return EXIT.ok;
  },
};
