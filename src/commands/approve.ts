/** `koepfe approve ISSUE [DIR] --by NAME`: sign off on exactly this version of an issue. */
import type { Command } from "./command.js";
import { appIo, dirOf, str } from "./command.js";
import { EXIT, UsageError } from "../lib/errors.js";
import { printable } from "../lib/text-safety.js";

export const approveCommand: Command = {
  name: "approve",
  summary: "approve an issue as it would go out now (with newsletter.require_approval, send needs it)",
  usage: "approve ISSUE [DIR] --by NAME",
  options: { by: { type: "string" } },
  positionals: ["ISSUE", "DIR"],
  async run({ positionals, values }, io) {
    const issueArg = positionals[0];
    if (issueArg === undefined || !/^[1-9]\d{0,6}$/.test(issueArg))
      throw new UsageError('which issue? e.g. koepfe approve 2 data --by "Erika Beispiel"');
    const by = str(values["by"]);
    if (by === undefined) throw new UsageError('--by is required: the name of the person who approves, e.g. --by "Erika Beispiel"');
    const { approve } = await import("../app/approval.js");
    const r = await approve({ dir: dirOf(positionals[1]), issue: Number(issueArg), by }, appIo(io));
    io.stdout.write(
      `approved issue ${r.approval.issue} ("${printable(r.subject)}", ${r.people} people, version ${r.approval.contentHash.slice(0, 12)}) by ${printable(r.approval.by)} at ${r.approval.at}\n`,
    );
    return EXIT.ok;
  },
};
