/**
 * `koepfe send ISSUE [DIR]` and its modes: the real send (ledgered, resumable), `--test` (a few
 * addresses, not ledgered) and `--dry-run` (.eml files, no ledger). A mode is one member of SendMode
 * and one case in `run`; the scheduled mode of the schedule issue is added the same way.
 */
import type { ArgValues, Command, Io } from "./command.js";
import { str } from "./command.js";
import { UsageError, type ExitCode } from "../lib/errors.js";
import { requireSecret } from "../lib/token.js";
import { prepareIssue, type PreparedIssue } from "../send/prepare.js";
import { dkimSettings } from "../send/mailer/dkim.js";
import { requireSmtpUrl } from "../send/mailer/smtp.js";
import { DEFAULT_PAUSE, DEFAULT_RETRY } from "../send/decide.js";
import { sendIssue } from "../send/modes/issue.js";
import { parseTestAddresses, sendTest } from "../send/modes/test.js";
import { sendDryRun } from "../send/modes/dry-run.js";
import { sendDue } from "../schedule/due-run.js";
import { runLog } from "../schedule/run-log.js";
import type { NewsletterConfig } from "../edition/config-schema.js";

type SendMode =
  | { kind: "issue" }
  | { kind: "due"; now: string | null }
  | { kind: "test"; addresses: string[] }
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
  if (test !== undefined) return { kind: "test", addresses: parseTestAddresses(test) };
  if (dryRun) return { kind: "dry-run", emlDir: str(values["eml-dir"]) ?? null, limit: positiveInt("--limit", str(values["limit"])) };
  return { kind: "issue" };
}

/** Per-issue settings: flags win over edition.json, which wins over the defaults. */
function sendSettings(values: ArgValues) {
  const concurrencyFlag = positiveInt("--concurrency", str(values["concurrency"]));
  if (concurrencyFlag !== null && concurrencyFlag > 100)
    throw new UsageError("--concurrency is at most 100 connections (relays limit far lower; newsletter.concurrency allows 50)");
  const rateFlag = positiveNumber("--rate", str(values["rate"]));
  return (n: NewsletterConfig) => ({
    concurrency: concurrencyFlag ?? n.concurrency ?? 5,
    rate: rateFlag ?? n.rate ?? null,
    retry: n.retry ? { maxAttempts: n.retry.max_attempts, baseDelayMs: n.retry.base_delay_ms } : DEFAULT_RETRY,
    pause: n.pause ?? DEFAULT_PAUSE,
  });
}

async function runDue(dir: string, now: string | null, values: ArgValues, io: Io): Promise<ExitCode> {
  const secret = requireSecret(io.env);
  const smtpUrl = requireSmtpUrl(io.env);
  return sendDue({
    dir,
    now,
    env: io.env,
    secret,
    subscribersFile: str(values["subscribers"]),
    smtpUrl,
    resendUnknown: values["resend-unknown"] === true,
    signal: io.signal,
    out: io.stdout,
    settingsFor: sendSettings(values),
    log: runLog(io.stdout),
  });
}

async function run(positionals: string[], values: ArgValues, io: Io): Promise<ExitCode> {
  const mode = sendMode(values);
  if (mode.kind === "due") {
    if (positionals.length > 1)
      throw new UsageError("--due sends every due issue: give only the edition folder, e.g. koepfe send --due data");
    return runDue(positionals[0] ?? "data", mode.now, values, io);
  }
  const issueArg = positionals[0];
  if (issueArg === undefined) throw new UsageError("which issue? e.g. koepfe send 1 data (or --due for whatever is due)");
  const issue = positiveInt("ISSUE", issueArg) as number;
  const dir = positionals[1] ?? "data";
  const settingsFor = sendSettings(values);
  const secret = requireSecret(io.env);
  const smtpUrl = mode.kind === "dry-run" ? null : requireSmtpUrl(io.env);

  const p: PreparedIssue = await prepareIssue(dir, issue, { secret, subscribersFile: str(values["subscribers"]) });
  const warnings = p.warnings.filter((w) => w.severity === "warning").length;
  if (warnings > 0)
    io.stderr.write(`koepfe: ${warnings} warning${warnings === 1 ? "" : "s"} in the edition ("koepfe check ${dir}" lists them)\n`);
  const { dkim, warning } = dkimSettings(io.env, p.newsletter.dkim);
  if (warning) io.stderr.write(`koepfe: warning: ${warning}\n`);

  switch (mode.kind) {
    case "test":
      return sendTest(p, { addresses: mode.addresses, smtpUrl: smtpUrl as string, dkim, out: io.stdout });
    case "dry-run":
      return sendDryRun(p, { dir, env: io.env, emlDir: mode.emlDir, limit: mode.limit, dkim, out: io.stdout });
    case "issue":
      return sendIssue(p, {
        dir,
        env: io.env,
        smtpUrl: smtpUrl as string,
        dkim,
        ...settingsFor(p.newsletter),
        resendUnknown: values["resend-unknown"] === true,
        signal: io.signal,
        out: io.stdout,
      });
  }
}

export const sendCommand: Command = {
  name: "send",
  summary: "send a newsletter issue (resumable), every due issue (--due, for cron), a test, or a dry run into .eml files",
  usage: "send ISSUE [DIR] [--test A,B | --dry-run [--eml-dir D] [--limit K]] [--resend-unknown]",
  options: {
    test: { type: "string" },
    "dry-run": { type: "boolean" },
    "eml-dir": { type: "string" },
    limit: { type: "string" },
    subscribers: { type: "string" },
    concurrency: { type: "string" },
    rate: { type: "string" },
    "resend-unknown": { type: "boolean" },
    due: { type: "boolean" },
    now: { type: "string" },
  },
  positionals: ["ISSUE", "DIR"],
  run({ positionals, values }, io) {
    return run(positionals, values, io);
  },
};
