/**
 * `koepfe send ISSUE --dry-run [--eml-dir DIR] [--limit K]`: composes the exact messages of a real
 * send (same audience rules, headers and DKIM) and writes them as .eml files. It only reads the
 * suppression list; it never creates or changes the ledger.
 */
import { lstatSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { EXIT, UsageError, type ExitCode } from "../lib/errors.js";
import { openExistingLedger } from "../send/ledger/location.js";
import { describeAudience } from "../send/audience.js";
import { audienceOf } from "./audience.js";
import { messageIdFor } from "../send/mailer/message.js";
import { newsletterSource } from "../send/source.js";
import { describeOrigin, type PreparedIssue } from "./prepare-issue.js";
import { prepareToSend, type IssueRequest } from "./send-issue.js";
import { realMailers, type AppIo } from "./ports.js";
import { stateFolder } from "../lib/state-folder.js";

export interface DryRunRequest extends Pick<IssueRequest, "dir" | "issue" | "subscribersFile"> {
  /** --eml-dir; null: <edition>/.koepfe/dry-run/issue-<n>/, emptied first. */
  emlDir: string | null;
  limit: number | null;
}

/** --eml-dir must be a new or empty folder: a file, a link or a folder with something in it is a usage error. */
function checkEmlDir(emlDir: string): string {
  const dir = path.resolve(emlDir);
  const st = (() => {
    try {
      return lstatSync(dir);
    } catch {
      return null;
    }
  })();
  if (st === null) return dir;
  if (!st.isDirectory())
    throw new UsageError(`--eml-dir ${emlDir} is ${st.isSymbolicLink() ? "a symbolic link" : "a file"}: give a new or empty folder`);
  if (readdirSync(dir).length > 0) throw new UsageError(`--eml-dir ${emlDir} is not empty: give a new or empty folder`);
  return dir;
}

function outputFolder(p: PreparedIssue, emlDir: string | null): string {
  if (emlDir !== null) return checkEmlDir(emlDir);
  const own = path.join(stateFolder(p.edition.dir), "dry-run", `issue-${p.settings.issue}`);
  rmSync(own, { recursive: true, force: true });
  return own;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export async function sendDryRun(request: DryRunRequest, io: AppIo): Promise<ExitCode> {
  // checked before the edition is loaded: a wrong folder should not wait for a 100,000-row check
  if (request.emlDir !== null) checkEmlDir(request.emlDir);
  const { prepared: p, dkim } = await prepareToSend(request, io);
  const ledger = openExistingLedger(request.dir, io.env);
  const frozen = ledger?.progress(p.settings.issue) ?? null;
  const audience = audienceOf(p, ledger);
  ledger?.close();
  const recipients = request.limit === null ? audience.recipients : audience.recipients.slice(0, request.limit);
  const folder = outputFolder(p, request.emlDir);
  const source = newsletterSource(p.compiled, p.settings, p.sender, p.personalize, p.bounce);
  const mailer = realMailers.eml(folder, { dkim });
  try {
    // a few messages at a time keep the delivery threads busy; files are numbered in audience order
    const batch = 16;
    for (let i = 0; i < recipients.length; i += batch) {
      await Promise.all(
        recipients.slice(i, i + batch).map((r, j) => {
          const to = { ...r, messageId: messageIdFor(p.settings, p.sender.domain, r.email), position: i + j };
          const message = {
            envelope: { from: source.envelopeFrom(to), to: r.email },
            messageId: to.messageId,
            template: source.template,
            fill: source.fill(to, io.clock()),
          };
          return mailer.send(message, async () => true);
        }),
      );
    }
  } finally {
    await mailer.close();
  }
  const sizes = mailer.sizes;
  const total = sizes.reduce((a, b) => a + b, 0);
  const more =
    request.limit !== null && audience.recipients.length > request.limit
      ? ` (first ${request.limit} of ${audience.recipients.length} recipients)`
      : "";
  const lines = [
    `dry run of issue ${p.settings.issue}: ${sizes.length} message${sizes.length === 1 ? "" : "s"} written to ${folder}${more}`,
    describeOrigin(p.settings.issue, p.origin),
    `audience: ${describeAudience(audience)}`,
    sizes.length > 0
      ? `sizes: total ${kib(total)}, smallest ${kib(sizes.reduce((a, b) => Math.min(a, b)))}, average ${kib(total / sizes.length)}, largest ${kib(sizes.reduce((a, b) => Math.max(a, b)))}`
      : "sizes: no messages",
    frozen
      ? `note: the audience of issue ${p.settings.issue} was fixed at ${frozen.audienceFrozenAt} (${frozen.audienceSize}); a real send resumes that audience, not this one`
      : "",
    "nothing was sent and the ledger was not touched",
  ];
  io.out.write(`${lines.filter((l) => l !== "").join("\n")}\n`);
  return EXIT.ok;
}
