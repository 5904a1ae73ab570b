/**
 * `koepfe bounces`: reads bounce reports from one source (stdin, a Maildir or .eml folder, an mbox,
 * an IMAP mailbox), records each in the ledger once and acts on it (bounce/record.ts,
 * send/ledger/bounces.ts). Needs only edition.json and the ledger, like `serve`: a CSV an editor is
 * halfway through fixing must not stop the bounces. A message is marked done at its source only after
 * its record is on disk; a crash in between re-reads it, and the ledger knows it already.
 */
import { EXIT, KoepfeError, type ExitCode } from "../lib/errors.js";
import { createLog } from "../lib/log.js";
import { requireSecret } from "../lib/token.js";
import { formatProblem } from "../check/report.js";
import { assertEditionDir, loadEditionConfig } from "../edition/load.js";
import { subscriberAddresses } from "../edition/subscriber-addresses.js";
import type { NewsletterConfig } from "../edition/config-schema.js";
import { readReport } from "../bounce/read-report.js";
import { reportInput, unreadableInput, type VerpKey } from "../bounce/record.js";
import {
  IMAP_CA_FILE_ENV,
  IMAP_PASSWORD_ENV,
  imapSource,
  maildirSource,
  mboxSource,
  stdinSource,
  type MessageSource,
  type SourceMessage,
} from "../bounce/sources/index.js";
import type { BounceReportInput, RecordedEvent } from "../send/ledger/bounces.js";
import type { Ledger } from "../send/ledger/ledger.js";
import { openExistingLedger, openLedger } from "../send/ledger/location.js";
import { describeReport, reportLine, type ReportLine } from "./bounce-lines.js";
import type { AppIo } from "./ports.js";

export type BounceSource =
  | { kind: "stdin"; stream: NodeJS.ReadableStream }
  | { kind: "maildir"; path: string }
  | { kind: "mbox"; path: string }
  | { kind: "imap"; url: string; doneFolder: string | null };

export interface BouncesRequest {
  dir: string;
  source: BounceSource;
  /** Change nothing: no record, no suppression, nothing marked done. */
  dryRun: boolean;
  /** One JSON object per message on stdout (the summary goes to stderr). */
  json: boolean;
}

const isStorageError = (e: unknown) =>
  /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN)/.test(String((e as { code?: unknown }).code ?? ""));

function openSource(source: BounceSource, env: NodeJS.ProcessEnv, warn: (text: string) => void): MessageSource {
  const onWarning = (w: { code: string; message: string }) => warn(`warning[${w.code}]: ${w.message}`);
  switch (source.kind) {
    case "stdin":
      return stdinSource(source.stream, { onWarning });
    case "maildir":
      return maildirSource(source.path, { onWarning });
    case "mbox":
      return mboxSource(source.path, { onWarning });
    case "imap": {
      const caFile = env[IMAP_CA_FILE_ENV];
      return imapSource(source.url, {
        doneFolder: source.doneFolder,
        password: env[IMAP_PASSWORD_ENV] ?? null,
        onWarning,
        ...(caFile ? { caFile } : {}),
      });
    }
  }
}

async function newsletterOf(dir: string, io: AppIo): Promise<NewsletterConfig> {
  const { config, problems } = await loadEditionConfig(dir);
  if (!config) {
    for (const p of problems) io.err.write(`${formatProblem(p)}\n`);
    throw new KoepfeError("E_EDITION_INVALID", "edition.json must be valid to process bounces (it names the list and the bounce address)");
  }
  if (!config.newsletter)
    throw new KoepfeError("E_NO_NEWSLETTER", "edition.json has no newsletter section: there is no list to bounce from");
  return config.newsletter;
}

interface Tally {
  messages: number;
  recorded: number;
  duplicates: number;
  unreadable: number;
  suppressed: number;
  counted: number;
  alarms: number;
}

export async function processBounces(request: BouncesRequest, io: AppIo): Promise<ExitCode> {
  const dir = await assertEditionDir(request.dir);
  const newsletter = await newsletterOf(dir, io);
  const bounceAddress = newsletter.bounce_address;
  const key: VerpKey | null =
    bounceAddress === undefined ? null : { bounceAddress, secret: requireSecret(io.env), listId: newsletter.list_id };
  const subscribers = await subscriberAddresses(dir);
  const policy = { softLimit: newsletter.soft_bounce_limit, isSubscriber: (email: string) => subscribers.has(email.toLowerCase()) };
  const log = createLog(request.json ? io.err : io.out, io.clock);
  const tally: Tally = { messages: 0, recorded: 0, duplicates: 0, unreadable: 0, suppressed: 0, counted: 0, alarms: 0 };
  // a dry run never creates a ledger: without one, nothing matches
  const ledger = request.dryRun ? openExistingLedger(dir, io.env) : openLedger(dir, io.env);
  const source = openSource(request.source, io.env, (text) => io.err.write(`${text}\n`));
  try {
    for await (const message of source.messages(io.signal)) {
      tally.messages++;
      const { input, line } = await readOne(message, key, io.clock);
      if (input.error !== null) tally.unreadable++;
      const outcome = request.dryRun || ledger === null ? null : recordOne(ledger, input, policy, request.source.kind === "stdin");
      const events = outcome === null ? null : outcome.duplicate ? null : outcome.events;
      if (outcome?.duplicate) tally.duplicates++;
      else if (outcome) tally.recorded++;
      for (const e of events ?? []) {
        if (e.action === "suppressed" || e.action === "soft-limit") tally.suppressed++;
        if (e.action === "counted") tally.counted++;
        if (e.action === "alarm") tally.alarms++;
      }
      const shown = withDelivery(line, request.dryRun ? dryMatch(ledger, input) : events, outcome?.duplicate === true);
      if (request.json) io.out.write(`${JSON.stringify(shown)}\n`);
      else log("report", { ...shown }, describeReport(shown));
      // marked done only once its record is on disk: a crash before this re-reads it, harmlessly
      if (!request.dryRun) await source.done(message);
    }
  } finally {
    await source.close();
    ledger?.close();
  }
  const interrupted = io.signal.aborted;
  log(
    "summary",
    { ...tally, dry_run: request.dryRun, interrupted },
    `${tally.messages} messages: ${tally.recorded} recorded, ${tally.duplicates} seen before, ${tally.unreadable} unreadable; ` +
      `${tally.suppressed} addresses suppressed, ${tally.counted} soft bounces counted, ${tally.alarms} policy blocks` +
      `${request.dryRun ? " (dry run: nothing changed)" : ""}${interrupted ? " — stopped early; run it again for the rest" : ""}`,
  );
  if (interrupted) return EXIT.interrupted;
  return tally.unreadable > 0 ? EXIT.dataError : EXIT.ok;
}

async function readOne(
  message: SourceMessage,
  key: VerpKey | null,
  clock: () => number,
): Promise<{ input: BounceReportInput; line: ReportLine }> {
  const read = await readReport(message.raw);
  if (!read.ok) {
    const input = unreadableInput(message.raw, message.source, read.code, read.message);
    return { input, line: reportLine(message.source, input, null, { code: read.code, message: read.message }) };
  }
  const input = reportInput(read.report, message.source, key, new Date(clock()).toISOString());
  return { input, line: reportLine(message.source, input, read.report, null, message.truncated || read.report.truncated) };
}

/** Records one report; a ledger that cannot be written stops the run (exit 4; 75 for an MTA's pipe, which then retries). */
function recordOne(ledger: Ledger, input: BounceReportInput, policy: Parameters<Ledger["bounces"]["record"]>[1], piped: boolean) {
  try {
    return ledger.bounces.record(input, policy);
  } catch (e) {
    if (!isStorageError(e)) throw e;
    throw new KoepfeError(
      "E_LEDGER_WRITE",
      `the ledger cannot be written (${(e as Error).message}); nothing was marked done, run the same command again once it can`,
      { exitCode: piped ? EXIT.tempfail : EXIT.stopped, cause: e },
    );
  }
}

/** What a dry run would match, from the ledger as it is. */
function dryMatch(ledger: Ledger | null, input: BounceReportInput): Pick<RecordedEvent, "email" | "issue" | "matchedBy">[] {
  return input.events.map((e) => {
    const found = ledger?.bounces.deliveryFor(e, input.events.length === 1) ?? { email: e.email, issue: null, matchedBy: "none" as const };
    return { email: found.email, issue: found.issue, matchedBy: found.matchedBy };
  });
}

function withDelivery(
  line: ReportLine,
  events: readonly (Pick<RecordedEvent, "email" | "issue" | "matchedBy"> & { action?: string })[] | null,
  duplicate: boolean,
): ReportLine {
  const matched = events?.find((e) => e.issue !== null);
  // events follow the recipients in order (a VERP match may name the delivery's address instead)
  const aligned = events !== null && events.length === line.recipients.length;
  const recipients = line.recipients.map((r, i) => {
    const action = (aligned ? events[i] : events?.find((e) => e.email.toLowerCase() === r.email.toLowerCase()))?.action;
    return action === undefined ? r : { ...r, action };
  });
  return {
    ...line,
    recipients,
    delivery:
      matched === undefined || matched.issue === null
        ? null
        : { issue: matched.issue, email: matched.email, matched_by: matched.matchedBy },
    ...(duplicate ? { duplicate: true as const } : {}),
  };
}
