/**
 * `koepfe send ISSUE [DIR]` and its modes: the real send (ledgered, resumable), `--due` (what cron
 * runs), `--test` (a few addresses, not ledgered) and `--dry-run` (.eml files, no ledger). This file
 * only reads the flags into one mode and calls its use case (app/send-*.ts).
 */
import type { ArgValues, Command } from "./command.js";
import { appIo, dirOf, str } from "./command.js";
import { UsageError } from "../lib/errors.js";
import type { SendFlags } from "../app/send-settings.js";

type SendMode =
  | { kind: "issue" }
  | { kind: "due"; now: string | null }
  | { kind: "test"; addresses: string }
  | { kind: "dry-run"; emlDir: string | null; limit: number | null };

function positiveInt(name: string, v: string | undefined): number | null {
  if (v === undefined) return null;
  if (!/^[1-9]\d{0,6}$/.test(v)) throw new UsageError(`${name} must be a whole number of 1 or more (found "${v}")`);
  return Number(v);
}

function positiveNumber(name: string, v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || !(n > 0)) throw new UsageError(`${name} must be a number above 0 (found "${v}")`);
  return n;
}

function sendMode(values: ArgValues): SendMode {
  const test = str(values["test"]);
  const dryRun = values["dry-run"] === true;
  if (values["due"] === true) {
    if (values["despite-rates"] === true)
      throw new UsageError(
        "--despite-rates is for one issue sent by hand after a person looked at the rates: koepfe send ISSUE --despite-rates",
      );
    if (test !== undefined || dryRun)
      throw new UsageError(
        '--due sends for real (with --now too): "koepfe status DIR" shows what it would do, "koepfe send ISSUE --test" tests an issue',
      );
    return { kind: "due", now: str(values["now"]) ?? null };
  }
  if (values["now"] !== undefined) throw new UsageError("--now belongs to --due");
  if (test !== undefined && dryRun) throw new UsageError("--test and --dry-run exclude each other");
  if (!dryRun && (values["eml-dir"] !== undefined || values["limit"] !== undefined))
    throw new UsageError("--eml-dir and --limit belong to --dry-run");
  if ((test !== undefined || dryRun) && values["resend-unknown"] === true) throw new UsageError("--resend-unknown belongs to a real send");
  if ((test !== undefined || dryRun) && values["despite-rates"] === true) throw new UsageError("--despite-rates belongs to a real send");
  if (test !== undefined) return { kind: "test", addresses: test };
  if (dryRun) return { kind: "dry-run", emlDir: str(values["eml-dir"]) ?? null, limit: positiveInt("--limit", str(values["limit"])) };
  return { kind: "issue" };
}

function sendFlags(values: ArgValues): SendFlags {
  const concurrency = positiveInt("--concurrency", str(values["concurrency"]));
  if (concurrency !== null && concurrency > 100) {
    throw new UsageError("--concurrency is at most 100 connections (relays limit far lower; newsletter.concurrency allows 50)");
  }
  return { concurrency, rate: positiveNumber("--rate", str(values["rate"])) };
}

export const sendCommand: Command = {
  name: "send",
  summary: "send a newsletter issue (resumable), every due issue (--due, for cron), a test, or a dry run into .eml files",
  usage: "send ISSUE [DIR] [--test A,B | --dry-run [--eml-dir D] [--limit K]] [--resend-unknown] [--despite-rates]",
  options: {
    test: { type: "string" },
    "dry-run": { type: "boolean" },
    "eml-dir": { type: "string" },
    limit: { type: "string" },
    subscribers: { type: "string" },
    concurrency: { type: "string" },
    rate: { type: "string" },
    "resend-unknown": { type: "boolean" },
    "despite-rates": { type: "boolean" },
    due: { type: "boolean" },
    now: { type: "string" },
  },
  positionals: ["ISSUE", "DIR"],
  async run({ positionals, values }, io) {
    const mode = sendMode(values);
    const common = { subscribersFile: str(values["subscribers"]), resendUnknown: values["resend-unknown"] === true, ...sendFlags(values) };
    if (mode.kind === "due") {
      if (positionals.length > 1)
        throw new UsageError("--due sends every due issue: give only the edition folder, e.g. koepfe send --due data");
      const { sendDue } = await import("../app/send-due.js");
      return sendDue({ ...common, dir: dirOf(positionals[0]), now: mode.now }, appIo(io));
    }
    const issueArg = positionals[0];
    if (issueArg === undefined) throw new UsageError("which issue? e.g. koepfe send 1 data (or --due for whatever is due)");
    const issue = positiveInt("ISSUE", issueArg) as number;
    const request = { ...common, dir: dirOf(positionals[1]), issue, despiteRates: values["despite-rates"] === true };
    switch (mode.kind) {
      case "test": {
        const { parseTestAddresses, sendTest } = await import("../app/send-test.js");
        return sendTest(request, parseTestAddresses(mode.addresses), appIo(io));
      }
      case "dry-run":
        return (await import("../app/send-dry-run.js")).sendDryRun({ ...request, emlDir: mode.emlDir, limit: mode.limit }, appIo(io));
      case "issue":
        return (await import("../app/send-issue.js")).sendIssue(request, appIo(io));
    }
  },
};
