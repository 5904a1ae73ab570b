/**
 * The send loop against a real SMTP server on 127.0.0.1: real nodemailer pools in two delivery
 * threads, real ledger file; only the message source is a small hand-written one.
 */
import { describe, it, expect, afterEach } from "vitest";
import { freePort } from "../helpers/net.js";
import { Ledger } from "../../src/send/ledger/ledger.js";
import { smtpMailer } from "../../src/send/mailer/smtp.js";
import { runSendLoop, type SendEvents } from "../../src/send/send-loop.js";
import { abortableSleep } from "../../src/lib/sleep.js";
import { runExitCode } from "../../src/send/run-result.js";
import { messageIdFor } from "../../src/send/mailer/message.js";
import { startSmtp, type SmtpScript, type TestSmtp } from "../helpers/smtp.js";
import { SETTINGS, simpleSource, tempLedgerFile, relayOf } from "../helpers/send.js";

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const emails = (n: number) => Array.from({ length: n }, (_, i) => `r${i + 1}@example.net`);

async function setup(n: number, script: SmtpScript = {}): Promise<{ smtp: TestSmtp; ledger: Ledger; file: string }> {
  const smtp = await startSmtp(script);
  const file = tempLedgerFile();
  const ledger = new Ledger(file);
  open.push(smtp, ledger);
  ledger.freezeAudience(
    1,
    emails(n).map((email) => ({ email, firstName: null, messageId: messageIdFor(SETTINGS, "example.org", email) })),
  );
  return { smtp, ledger, file };
}

function recorder() {
  const log: string[] = [];
  const events: SendEvents = {
    start: () => undefined,
    delivery: (d) => log.push(`${d.event} ${d.email}`),
    stop: (r) => log.push(`stop ${r.kind}`),
  };
  return { log, events };
}

async function run(
  ledger: Ledger,
  url: string,
  o: { concurrency?: number; resendUnknown?: boolean; signal?: AbortSignal; pause?: { share: number; window: number } } = {},
) {
  const mailer = smtpMailer({ relay: relayOf(url), connections: o.concurrency ?? 3, dkim: null, threads: 2 });
  const { log, events } = recorder();
  try {
    const result = await runSendLoop(
      {
        ledger,
        mailer,
        source: simpleSource(),
        events,
        clock: Date.now,
        sleep: abortableSleep,
        signal: o.signal ?? new AbortController().signal,
      },
      {
        issue: 1,
        concurrency: o.concurrency ?? 3,
        rate: null,
        retry: { maxAttempts: 3, baseDelayMs: 10 },
        pause: o.pause ?? { share: 0.9, window: 100 },
        resendUnknown: o.resendUnknown ?? false,
      },
    );
    return { result, log, exit: runExitCode(result) };
  } finally {
    await mailer.close();
  }
}

const states = (ledger: Ledger) => Object.fromEntries(ledger.deliveries(1).map((d) => [d.email, `${d.state}/${d.attempts}`]));

describe("a send into a real SMTP server", () => {
  it("delivers each recipient once; a re-run after completion sends nothing", async () => {
    const { smtp, ledger } = await setup(6);
    const first = await run(ledger, smtp.url);
    expect(first.exit).toBe(0);
    expect(first.result.run.sent).toBe(6);
    expect(emails(6).map((e) => smtp.countFor(e))).toEqual([1, 1, 1, 1, 1, 1]);
    const again = await run(ledger, smtp.url);
    expect(again.result.run).toMatchObject({ sent: 0, failed: 0 });
    expect(again.result.skipped).toBe(6);
    expect(again.exit).toBe(0);
    expect(smtp.received).toHaveLength(6);
    expect(ledger.progress(1)).toMatchObject({ complete: true, counts: { sent: 6 } });
  });

  it("retries a 4xx at RCPT and then delivers once", async () => {
    const { smtp, ledger } = await setup(3, {
      rcpt: (to, n) => (to === "r2@example.net" && n === 1 ? { code: 451, message: "4.7.1 greylisted, try again" } : undefined),
    });
    const { result, log, exit } = await run(ledger, smtp.url);
    expect(exit).toBe(0);
    expect(log).toContain("deferred r2@example.net");
    expect(result.run).toMatchObject({ sent: 3, deferred: 1 });
    expect(smtp.countFor("r2@example.net")).toBe(1);
    expect(states(ledger)["r2@example.net"]).toBe("sent/2");
  });

  it("gives up after max_attempts 4xx answers: failed, exit 3", async () => {
    const { smtp, ledger } = await setup(2, {
      rcpt: (to) => (to === "r1@example.net" ? { code: 452, message: "4.2.2 mailbox full" } : undefined),
    });
    const { exit } = await run(ledger, smtp.url);
    expect(exit).toBe(3);
    expect(states(ledger)).toEqual({ "r1@example.net": "failed/3", "r2@example.net": "sent/1" });
    expect(ledger.deliveries(1)[0]).toMatchObject({ response: expect.stringContaining("gave up after 3 attempts") });
  });

  it("bounces a 5xx at RCPT and suppresses the address", async () => {
    const { smtp, ledger } = await setup(3, {
      rcpt: (to) => (to === "r3@example.net" ? { code: 550, message: "5.1.1 no such user" } : undefined),
    });
    const { result, exit } = await run(ledger, smtp.url);
    expect(exit).toBe(0);
    expect(result.run).toMatchObject({ sent: 2, bounced: 1 });
    expect(states(ledger)["r3@example.net"]).toBe("bounced/1");
    expect(ledger.suppressions.reasonFor("r3@example.net")).toMatch(/^bounce: 550/);
    expect(smtp.countFor("r3@example.net")).toBe(0);
  });

  it("retries a 4xx after DATA and delivers once", async () => {
    const { smtp, ledger } = await setup(2, {
      data: (to, n) => (to === "r1@example.net" && n === 1 ? { code: 451, message: "4.3.0 try again later" } : undefined),
    });
    const { exit } = await run(ledger, smtp.url);
    expect(exit).toBe(0);
    expect(states(ledger)).toEqual({ "r1@example.net": "sent/2", "r2@example.net": "sent/1" });
    expect(smtp.countFor("r1@example.net")).toBe(1);
  });

  it("marks a connection dropped after DATA without a reply unknown and never resends it silently", async () => {
    const { smtp, ledger } = await setup(4, { data: (to, n) => (to === "r2@example.net" && n === 1 ? "drop" : undefined) });
    const first = await run(ledger, smtp.url);
    expect(first.exit).toBe(3);
    expect(states(ledger)["r2@example.net"]).toBe("unknown/1");
    expect(smtp.countFor("r2@example.net")).toBe(1);
    expect(
      emails(4)
        .filter((e) => e !== "r2@example.net")
        .map((e) => smtp.countFor(e)),
    ).toEqual([1, 1, 1]);

    const rerun = await run(ledger, smtp.url);
    expect(rerun.result.run.sent).toBe(0);
    expect(smtp.countFor("r2@example.net")).toBe(1);
    expect(rerun.exit).toBe(3);

    // the operator decides to resend: the copy carries the same Message-ID
    const resend = await run(ledger, smtp.url, { resendUnknown: true });
    expect(resend.result.requeued).toBe(1);
    expect(resend.exit).toBe(0);
    const copies = smtp.received.filter((r) => r.to === "r2@example.net").map((r) => /Message-ID: (\S+)/i.exec(r.raw.toString())?.[1]);
    expect(copies).toEqual([
      messageIdFor(SETTINGS, "example.org", "r2@example.net"),
      messageIdFor(SETTINGS, "example.org", "r2@example.net"),
    ]);
  });

  it("stops at once on an authentication failure: exit 4, every delivery stays queued", async () => {
    const { smtp, ledger } = await setup(5, { auth: { user: "koepfe", pass: "right" } });
    const { result, exit } = await run(ledger, smtp.url.replace("right", "wrong"));
    expect(exit).toBe(4);
    expect(result.stop).toMatchObject({ kind: "relay", code: "E_SMTP_AUTH" });
    expect(ledger.progress(1)?.counts).toMatchObject({ queued: 5, sending: 0, sent: 0 });
    expect(smtp.received).toHaveLength(0);
    const retried = await run(ledger, smtp.url);
    expect(retried.exit).toBe(0);
    expect(smtp.received).toHaveLength(5);
  });

  it("stops when the relay cannot be reached", async () => {
    const { ledger } = await setup(3);
    const port = await freePort();
    const { result, exit } = await run(ledger, `smtp://127.0.0.1:${port}`);
    expect(exit).toBe(4);
    expect(result.stop).toMatchObject({ kind: "relay", code: "E_SMTP_UNREACHABLE" });
    expect(ledger.progress(1)?.counts.queued).toBe(3);
  });

  it("honours a suppression added during the send from the next message on", async () => {
    let unsubscribeServer: Ledger | null = null;
    const { smtp, ledger, file } = await setup(4, {
      // while r2 is being accepted, r3 unsubscribes through the unsubscribe server (another connection)
      onAccepted: (to) => {
        if (to === "r2@example.net") unsubscribeServer?.suppressions.suppress("r3@example.net", "unsubscribe", "one-click");
      },
    });
    unsubscribeServer = new Ledger(file);
    open.push(unsubscribeServer);
    const { result, log } = await run(ledger, smtp.url, { concurrency: 1 });
    expect(log).toContain("suppressed r3@example.net");
    expect(smtp.countFor("r3@example.net")).toBe(0);
    expect(smtp.countFor("r4@example.net")).toBe(1);
    expect(result.run).toMatchObject({ sent: 3, suppressed: 1 });
    expect(states(ledger)["r3@example.net"]).toBe("suppressed/0");
  });

  it("pauses when too many recent attempts failed; a re-run resumes", async () => {
    const failing = new Set(["r1@example.net", "r2@example.net", "r3@example.net"]);
    const { smtp, ledger } = await setup(8, { rcpt: (to) => (failing.has(to) ? { code: 550, message: "5.1.1 unknown" } : undefined) });
    const { result, exit, log } = await run(ledger, smtp.url, { concurrency: 1, pause: { share: 0.5, window: 4 } });
    expect(exit).toBe(4);
    expect(result.stop).toEqual({ kind: "paused", failures: 3, window: 4 });
    expect(log.at(-1)).toBe("stop paused");
    expect(ledger.progress(1)?.counts).toMatchObject({ bounced: 3, sent: 1, queued: 4 });
    const resumed = await run(ledger, smtp.url, { concurrency: 1, pause: { share: 0.5, window: 4 } });
    expect(resumed.exit).toBe(0);
    expect(emails(8).map((e) => smtp.countFor(e))).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it("on Ctrl-C finishes the messages in flight, keeps the rest queued, and resumes without duplicates", async () => {
    const ctrlC = new AbortController();
    const { smtp, ledger } = await setup(6, { onAccepted: (to) => (to === "r2@example.net" ? ctrlC.abort() : undefined) });
    const first = await run(ledger, smtp.url, { concurrency: 1, signal: ctrlC.signal });
    expect(first.exit).toBe(4);
    expect(first.result.stop).toEqual({ kind: "interrupted" });
    expect(first.result.run.sent).toBe(2);
    expect(ledger.progress(1)?.counts).toMatchObject({ sent: 2, queued: 4, sending: 0 });
    const rest = await run(ledger, smtp.url);
    expect(rest.exit).toBe(0);
    expect(emails(6).map((e) => smtp.countFor(e))).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
