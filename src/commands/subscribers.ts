/**
 * `koepfe subscribers [DIR] [--json] [--csv FILE]`, `koepfe consent EMAIL [DIR] [--json]` and
 * `koepfe forget EMAIL [DIR]`: who is on the list, the proof of one consent, and GDPR Art. 17.
 */
import type { Command, Io } from "./command.js";
import { dirOf, str } from "./command.js";
import { EXIT, UsageError } from "../lib/errors.js";
import { printable } from "../lib/text-safety.js";
import { isEmail } from "../edition/fields.js";
import type { ConsentProof } from "../app/subscribers.js";

function address(given: string | undefined, example: string): string {
  if (given === undefined) throw new UsageError(`which address? e.g. koepfe ${example}`);
  if (!isEmail(given.trim())) throw new UsageError(`not an e-mail address: ${JSON.stringify(printable(given))}`);
  return given.trim();
}

export const subscribersCommand: Command = {
  name: "subscribers",
  summary: "everyone known (subscribers.csv and sign-ups) with state, source and dates; --csv for the spreadsheet",
  usage: "subscribers [DIR] [--json] [--csv FILE]",
  options: { json: { type: "boolean" }, csv: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const { listSubscribers } = await import("../app/subscribers.js");
    const { list, csv } = await listSubscribers(dirOf(positionals[0]), io.env, str(values["csv"]) ?? null);
    if (values["json"] === true) io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    else if (csv !== null) io.stdout.write(`${list.length} subscribers written to ${csv}\n`);
    else {
      for (const s of list) {
        const dates = [
          s.requested_at && `requested ${s.requested_at}`,
          s.confirmed_at && `confirmed ${s.confirmed_at}`,
          s.unsubscribed_at && `left ${s.unsubscribed_at}`,
        ];
        const line = [
          printable(s.email),
          s.state,
          s.source,
          dates.filter(Boolean).join(", "),
          s.suppressed ? `suppressed: ${printable(s.suppressed)}` : "",
        ];
        io.stdout.write(`${line.filter((x) => x !== "").join("\t")}\n`);
      }
      io.stdout.write(`${list.length} known\n`);
    }
    return EXIT.ok;
  },
};

function printProof(p: ConsentProof, io: Io): void {
  const out: string[] = [`Einwilligungsnachweis für ${printable(p.email)}`];
  const s = p.signup;
  if (s) {
    out.push(
      "",
      `Anmeldung über das Formular (Double-Opt-in), Stand: ${s.state}`,
      `  Vorname:               ${printable(s.first_name ?? "-")}`,
      `  angefordert am:        ${s.requested_at} von IP ${s.request_ip ?? "(nicht gespeichert)"}`,
      `  Browser:               ${printable(s.user_agent ?? "-")}`,
      `  Bestätigungs-E-Mail:   ${s.confirmation_mail.sent_at ?? "(nicht versandt)"} ${printable(s.confirmation_mail.message_id ?? "")}`,
      `  bestätigt am:          ${s.confirmed_at ?? "(nicht bestätigt)"}${s.confirm_ip ? ` von IP ${s.confirm_ip}` : ""}`,
      `  Browser (Bestätigung): ${printable(s.confirm_user_agent ?? "-")}`,
      ...(s.unsubscribed_at ? [`  abgemeldet am:         ${s.unsubscribed_at}`] : []),
      `  Einwilligungstext (Fassung ${printable(s.consent_version)}):`,
      `  „${printable(s.consent_text)}“`,
    );
  }
  for (const r of p.csv) {
    out.push(
      "",
      `subscribers.csv, Zeile ${r.line}: Status ${printable(r.status)}, bestätigt ${r.confirmed_at ?? "-"}, Herkunft ${printable(r.source ?? "-")}`,
    );
  }
  if (p.suppressed) out.push("", `Sperrliste: ${printable(p.suppressed)}`);
  io.stdout.write(`${out.join("\n")}\n`);
}

export const consentCommand: Command = {
  name: "consent",
  summary: "the whole proof of consent held for one address, printable (exit 1 when nothing is held)",
  usage: "consent EMAIL [DIR] [--json]",
  options: { json: { type: "boolean" } },
  positionals: ["EMAIL", "DIR"],
  async run({ positionals, values }, io) {
    const { consentProof } = await import("../app/subscribers.js");
    const proof = await consentProof(address(positionals[0], "consent anna@example.org data"), dirOf(positionals[1]), io.env);
    if (values["json"] === true) io.stdout.write(`${JSON.stringify(proof, null, 2)}\n`);
    else printProof(proof, io);
    return EXIT.ok;
  },
};

export const forgetCommand: Command = {
  name: "forget",
  summary: "GDPR Art. 17: delete what the ledger holds about an address, keep only a keyed hash that keeps it off the list",
  usage: "forget EMAIL [DIR]",
  options: {},
  positionals: ["EMAIL", "DIR"],
  async run({ positionals }, io) {
    const { forget } = await import("../app/subscribers.js");
    const {
      email,
      result: r,
      csvLines,
    } = await forget(address(positionals[0], "forget anna@example.org data"), dirOf(positionals[1]), io.env);
    const deleted = [
      r.subscription ? "the sign-up with its consent record" : null,
      r.confirmMails > 0 ? `${r.confirmMails} confirmation mail record${r.confirmMails === 1 ? "" : "s"}` : null,
      r.deliveries > 0 ? `the address and name in ${r.deliveries} deliver${r.deliveries === 1 ? "y" : "ies"} (the counts stay)` : null,
      r.bounceEvents > 0 ? `${r.bounceEvents} bounce record${r.bounceEvents === 1 ? "" : "s"}` : null,
      r.suppression ? "the suppression entry" : null,
    ].filter((x) => x !== null);
    io.stdout.write(
      `forgot ${printable(email)}: ${deleted.length > 0 ? `deleted ${deleted.join(", ")}` : "the ledger held nothing about it"}; ` +
        "a keyed hash keeps it off every later audience\n",
    );
    if (csvLines.length > 0)
      io.stdout.write(
        `subscribers.csv still lists it (line ${csvLines.join(", ")}): delete the row there too — until then it is left out of every send\n`,
      );
    return EXIT.ok;
  },
};
