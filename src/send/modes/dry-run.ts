/**
 * `koepfe send ISSUE --dry-run [--eml-dir DIR] [--limit K]`: composes the exact messages of a real
 * send (same audience rules, headers and DKIM) and writes them as .eml files. It only reads the
 * suppression list; it never creates or changes the ledger.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { EXIT, UsageError, type ExitCode } from "../../lib/errors.js";
import { openExistingLedger } from "../ledger/location.js";
import { describeAudience, selectAudience } from "../audience.js";
import { messageIdFor } from "../message.js";
import type { DkimSettings } from "../mailer/threads.js";
import { emlMailer } from "../mailer/eml.js";
import { newsletterSource } from "../source.js";
import type { PreparedIssue } from "../prepare.js";

export interface DryRunOptions {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** --eml-dir; null: <edition>/.koepfe/dry-run/issue-<n>/, emptied first. */
  emlDir: string | null;
  limit: number | null;
  dkim: DkimSettings | null;
  out: NodeJS.WritableStream;
}

function outputFolder(p: PreparedIssue, o: DryRunOptions): string {
  if (o.emlDir === null) {
    const own = path.join(p.edition.dir, ".koepfe", "dry-run", `issue-${p.settings.issue}`);
    rmSync(own, { recursive: true, force: true });
    return own;
  }
  const dir = path.resolve(o.emlDir);
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new UsageError(`--eml-dir ${o.emlDir} is not empty: give a new or empty folder`);
  return dir;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export async function sendDryRun(p: PreparedIssue, o: DryRunOptions): Promise<ExitCode> {
  const ledger = openExistingLedger(o.dir, o.env);
  const suppressed = ledger?.suppressions.lowerCasedSet() ?? new Set<string>();
  const frozen = ledger?.progress(p.settings.issue) ?? null;
  ledger?.close();
  const audience = selectAudience(p.edition.subscribers ?? [], (email) => suppressed.has(email.toLowerCase()));
  const recipients = o.limit === null ? audience.recipients : audience.recipients.slice(0, o.limit);
  const folder = outputFolder(p, o);
  const source = newsletterSource(p.compiled, p.settings, p.sender, p.personalize);
  const mailer = emlMailer(folder, { dkim: o.dkim });
  try {
    // a few messages at a time keep the delivery threads busy; files are numbered in audience order
    const batch = 16;
    for (let i = 0; i < recipients.length; i += batch) {
      await Promise.all(
        recipients.slice(i, i + batch).map((r) => {
          const messageId = messageIdFor(p.settings, p.sender.domain, r.email);
          return mailer.send(
            { envelope: { from: source.envelopeFrom, to: r.email }, messageId, input: source.message({ ...r, messageId }, new Date()) },
            () => true,
          );
        }),
      );
    }
  } finally {
    await mailer.close();
  }
  const sizes = mailer.sizes;
  const total = sizes.reduce((a, b) => a + b, 0);
  o.out.write(
    [
      `dry run of issue ${p.settings.issue}: ${sizes.length} message${sizes.length === 1 ? "" : "s"} written to ${folder}${o.limit !== null && audience.recipients.length > o.limit ? ` (first ${o.limit} of ${audience.recipients.length} recipients)` : ""}`,
      `audience: ${describeAudience(audience)}`,
      sizes.length > 0
        ? `sizes: total ${kib(total)}, smallest ${kib(sizes.reduce((a, b) => Math.min(a, b)))}, average ${kib(total / sizes.length)}, largest ${kib(sizes.reduce((a, b) => Math.max(a, b)))}`
        : "sizes: no messages",
      frozen
        ? `note: the audience of issue ${p.settings.issue} was fixed at ${frozen.audienceFrozenAt} (${frozen.audienceSize}); a real send resumes that audience, not this one`
        : "",
      "nothing was sent and the ledger was not touched",
    ]
      .filter((l) => l !== "")
      .join("\n") + "\n",
  );
  return EXIT.ok;
}
