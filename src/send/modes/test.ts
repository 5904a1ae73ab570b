/**
 * `koepfe send ISSUE --test a@x.org,b@y.org`: the issue as subscribers will get it, to a few
 * addresses, with "[TEST]" before the subject; not ledgered. Its own Message-IDs, so a tester who is
 * also a subscriber does not get the real mail dropped as a duplicate later.
 */
import { createHash } from "node:crypto";
import { EXIT, UsageError, worstExit, type ExitCode } from "../../lib/errors.js";
import { isEmail } from "../../edition/fields.js";
import { canonicalEmail } from "../../lib/token.js";
import type { DkimSettings } from "../mailer/threads.js";
import { smtpMailer } from "../mailer/smtp.js";
import type { SendOutcome } from "../mailer/mailer.js";
import { newsletterSource } from "../source.js";
import { printable } from "../../lib/text-safety.js";
import type { PreparedIssue } from "../prepare.js";

/** "a@x.org, b@y.org" → the distinct canonical addresses; a usage error names a bad one. */
export function parseTestAddresses(list: string): string[] {
  const addresses = list
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");
  if (addresses.length === 0) throw new UsageError("--test needs at least one address, e.g. --test redaktion@example.org");
  for (const a of addresses) if (!isEmail(a)) throw new UsageError(`--test: "${a}" is not an e-mail address`);
  return [...new Set(addresses.map(canonicalEmail))];
}

export async function sendTest(
  p: PreparedIssue,
  o: { addresses: string[]; smtpUrl: string; dkim: DkimSettings | null; out: NodeJS.WritableStream },
): Promise<ExitCode> {
  const source = newsletterSource(p.compiled, { ...p.settings, subject: `[TEST] ${p.settings.subject}` }, p.sender, p.personalize);
  const mailer = smtpMailer({ url: o.smtpUrl, connections: Math.min(3, o.addresses.length), dkim: o.dkim, threads: 1 });
  let code: ExitCode = EXIT.ok;
  try {
    await Promise.all(
      o.addresses.map(async (email) => {
        const now = Date.now();
        const hash = createHash("sha256").update(`${p.settings.listId}|test|${email}|${now}`).digest("hex").slice(0, 16);
        const messageId = `<koepfe-${p.settings.year}.${p.settings.issue}.test.${hash}@${p.sender.domain}>`;
        const input = source.message({ email, firstName: null, messageId }, new Date(now));
        // not ledgered: nothing to claim
        const outcome = (await mailer.send(
          { envelope: { from: source.envelopeFrom, to: email }, messageId, input },
          () => true,
        )) as SendOutcome;
        if (outcome.kind === "accepted") o.out.write(`test: ${email}: accepted (${printable(outcome.response)})\n`);
        else {
          o.out.write(
            `test: ${email}: ${outcome.kind === "relay-failure" ? outcome.code : outcome.kind}: ${printable(outcome.response)}\n`,
          );
          code = worstExit(code, outcome.kind === "relay-failure" ? EXIT.stopped : EXIT.reviewNeeded);
        }
      }),
    );
  } finally {
    await mailer.close();
  }
  return code;
}
