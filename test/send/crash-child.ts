/**
 * The process the crash test kills with SIGKILL: one sending run (run lock, audience freeze on the
 * first run, the send loop), as `koepfe send` does it, with the simple message source of the tests.
 * Usage: node --import tsx test/send/crash-child.ts LEDGER SMTP_URL RECIPIENTS CONCURRENCY
 */
import { Ledger } from "../../src/send/ledger/ledger.js";
import { smtpMailer } from "../../src/send/mailer/smtp.js";
import { runSendLoop } from "../../src/send/send-loop.js";
import { abortableSleep } from "../../src/lib/sleep.js";
import { runExitCode } from "../../src/send/run-result.js";
import { messageIdFor } from "../../src/send/mailer/message.js";
import { SETTINGS, simpleSource, relayOf } from "../helpers/send.js";

const [file = "", url = "", recipients = "0", concurrency = "1"] = process.argv.slice(2);
const ledger = new Ledger(file);
const lock = ledger.lock.acquire("crash-test");
if (!lock.acquired) {
  process.stdout.write(`${JSON.stringify({ event: "locked", holder: lock.holder })}\n`);
  process.exit(9);
}
const emails = Array.from({ length: Number(recipients) }, (_, i) => `r${i + 1}@example.net`);
ledger.freezeAudience(
  1,
  emails.map((email) => ({ email, firstName: null, messageId: messageIdFor(SETTINGS, "example.org", email) })),
);
const mailer = smtpMailer({ relay: relayOf(url), connections: Number(concurrency), dkim: null, threads: 2 });
const result = await runSendLoop(
  {
    ledger,
    mailer,
    source: simpleSource(),
    events: {
      start: (info) => process.stdout.write(`${JSON.stringify({ event: "start", ...info })}\n`),
      delivery: () => undefined,
      stop: () => undefined,
    },
    clock: Date.now,
    sleep: abortableSleep,
    signal: new AbortController().signal,
  },
  {
    issue: 1,
    concurrency: Number(concurrency),
    rate: null,
    retry: { maxAttempts: 3, baseDelayMs: 10 },
    pause: { share: 0.9, window: 1000 },
    resendUnknown: false,
  },
);
await mailer.close();
ledger.lock.release();
ledger.close();
process.stdout.write(`${JSON.stringify({ event: "done", run: result.run })}\n`);
process.exitCode = runExitCode(result);
