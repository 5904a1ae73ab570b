/**
 * `koepfe send ISSUE --test a@x.org,b@y.org`: the issue as subscribers will get it, to a few
 * addresses, with "[TEST]" before the subject; not ledgered. Its own Message-IDs, so a tester who is
 * also a subscriber does not get the real mail dropped as a duplicate later.
 */
import { createHash } from "node:crypto";
import { EXIT, UsageError, worstExit, type ExitCode } from "../lib/errors.js";
import { isEmail } from "../edition/fields.js";
import { canonicalEmail } from "../lib/token.js";
import { printable } from "../lib/text-safety.js";
import { relayFromEnv } from "../send/mailer/smtp.js";
import type { SendOutcome } from "../send/mailer/mailer.js";
import { newsletterSource } from "../send/source.js";
import { prepareToSend, type IssueRequest } from "./send-issue.js";
import { realMailers, type AppIo } from "./ports.js";

/** "a@x.org, b@y.org" → the distinct canonical addresses; a usage error names a bad one. */
export function parseTestAddresses(list: string): string[] {
  const addresses = list
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");
  if (addresses.length === 0) throw new UsageError("--test needs at least one address, e.g. --test redaktion@example.org");
  for (const a of addresses) if (!isEmail(a)) throw new UsageError(`--test: "${printable(a)}" is not an e-mail address`);
  return [...new Set(addresses.map(canonicalEmail))];
}

export async function sendTest(
  request: Pick<IssueRequest, "dir" | "issue" | "subscribersFile">,
  addresses: string[],
  io: AppIo,
): Promise<ExitCode> {
  const relay = relayFromEnv(io.env);
  const { prepared: p, dkim } = await prepareToSend(request, io);
  const source = newsletterSource(
    p.compiled,
    { ...p.settings, subject: `[TEST] ${p.settings.subject}` },
    p.sender,
    p.personalize,
    p.bounce,
  );
  const mailer = realMailers.smtp({ relay, connections: Math.min(3, addresses.length), dkim, threads: 1 });
  let code: ExitCode = EXIT.ok;
  try {
    await Promise.all(
      addresses.map(async (email) => {
        const now = io.clock();
        const hash = createHash("sha256").update(`${p.settings.listId}|test|${email}|${now}`).digest("hex").slice(0, 16);
        const messageId = `<koepfe-${p.settings.year}.${p.settings.issue}.test.${hash}@${p.sender.domain}>`;
        const to = { email, firstName: null, messageId };
        // not ledgered: nothing to claim
        const message = {
          envelope: { from: source.envelopeFrom(to), to: email },
          messageId,
          template: source.template,
          fill: source.fill(to, now),
        };
        const outcome = (await mailer.send(message, async () => true)) as SendOutcome;
        if (outcome.kind === "accepted") io.out.write(`test: ${email}: accepted (${printable(outcome.response)})\n`);
        else {
          io.out.write(
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
