/** `koepfe suppress EMAIL… [--reason TEXT] [--dir DIR]`: requests by letter or phone. */
import type { Command } from "./command.js";
import { dirOf, str } from "./command.js";
import { EXIT, UsageError } from "../lib/errors.js";
import { isEmail } from "../edition/fields.js";
import { printable, SINGLE_LINE_FORBIDDEN } from "../lib/text-safety.js";

/** cli.ts allows as many positionals as a command names; more addresses than this go in batches. */
const MAX_ADDRESSES = 1000;

export const suppressCommand: Command = {
  name: "suppress",
  summary: "add addresses to the suppression list (requests by letter or phone)",
  usage: "suppress EMAIL... [--reason TEXT] [--dir DIR]",
  options: { reason: { type: "string" }, dir: { type: "string" } },
  positionals: Array.from({ length: MAX_ADDRESSES }, () => "EMAIL"),
  async run({ positionals, values }, io) {
    if (positionals.length === 0)
      throw new UsageError('give at least one address: koepfe suppress anna@example.org --reason "Brief vom 3.12."');
    const bad = positionals.filter((e) => !isEmail(e.trim()));
    if (bad.length > 0)
      throw new UsageError(`not an e-mail address: ${bad.map((b) => JSON.stringify(printable(b))).join(", ")} (nothing was added)`);
    const reason = str(values["reason"]) ?? "manual";
    if (SINGLE_LINE_FORBIDDEN.test(reason) || reason.length > 200 || reason.trim() === "")
      throw new UsageError("--reason must be one line of at most 200 characters");
    const { suppress } = await import("../app/suppressions.js");
    for (const r of await suppress(dirOf(str(values["dir"])), positionals, reason, io.env)) {
      io.stdout.write(r.added ? `suppressed ${r.email}\n` : `already suppressed ${r.email} (${printable(r.earlier ?? "")})\n`);
    }
    return EXIT.ok;
  },
};
