/**
 * The send loop on a fake clock with a scripted mailer: pacing and retry waits are decided from the
 * injected clock and sleep, not from real time.
 */
import { describe, it, expect } from "vitest";
import { Ledger } from "../../src/send/ledger/ledger.js";
import { runSendLoop, type SendLoopOptions } from "../../src/send/send-loop.js";
import type { Mailer, SendOutcome } from "../../src/send/mailer/mailer.js";
import { simpleSource, tempLedgerFile } from "../helpers/send.js";

function fakeTime(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    sleeps,
    advance: (ms: number) => (now += ms),
  };
}

/** Composes (a tick), then claims, then answers from a script per address and attempt; records when each message went out. */
function scriptedMailer(
  time: { clock: () => number },
  script: (to: string, attempt: number) => SendOutcome = () => ({ kind: "accepted", response: "250 ok" }),
  composeTicks: (to: string) => number = () => 1,
): Mailer & { sentAt: [string, number][] } {
  const attempts = new Map<string, number>();
  const sentAt: [string, number][] = [];
  return {
    sentAt,
    async send(message, claim) {
      for (let i = composeTicks(message.envelope.to); i > 0; i--) await new Promise((resolve) => setImmediate(resolve));
      if (!(await claim())) return null;
      const n = (attempts.get(message.envelope.to) ?? 0) + 1;
      attempts.set(message.envelope.to, n);
      sentAt.push([message.envelope.to, time.clock()]);
      return script(message.envelope.to, n);
    },
    close: () => Promise.resolve(),
  };
}

function ledgerOf(n: number, time: { clock: () => number }): Ledger {
  const ledger = new Ledger(tempLedgerFile(), { now: time.clock });
  ledger.freezeAudience(
    1,
    Array.from({ length: n }, (_, i) => ({ email: `r${i + 1}@example.net`, firstName: null, messageId: `<r${i + 1}>` })),
  );
  return ledger;
}

const options = (o: Partial<SendLoopOptions> = {}): SendLoopOptions => ({
  issue: 1,
  concurrency: 1,
  rate: null,
  retry: { maxAttempts: 3, baseDelayMs: 1000 },
  pause: { share: 0.9, window: 100 },
  resendUnknown: false,
  ...o,
});
const events = { start: () => undefined, delivery: () => undefined, stop: () => undefined };

describe("the send loop on a fake clock", () => {
  it("spaces message starts by 1/rate", async () => {
    const time = fakeTime();
    const ledger = ledgerOf(4, time);
    const mailer = scriptedMailer(time);
    await runSendLoop(
      { ledger, mailer, source: simpleSource(), events, clock: time.clock, sleep: time.sleep, signal: new AbortController().signal },
      options({ rate: 2 }),
    );
    expect(mailer.sentAt.map(([, t]) => t - 1_000_000)).toEqual([0, 500, 1000, 1500]);
    ledger.close();
  });

  it("waits out the backoff of a deferred delivery: base, then twice the base", async () => {
    const time = fakeTime();
    const ledger = ledgerOf(1, time);
    const mailer = scriptedMailer(time, (_to, n) =>
      n < 3 ? { kind: "rejected", stage: "recipient", permanent: false, response: "451 later" } : { kind: "accepted", response: "250 ok" },
    );
    const result = await runSendLoop(
      { ledger, mailer, source: simpleSource(), events, clock: time.clock, sleep: time.sleep, signal: new AbortController().signal },
      options(),
    );
    expect(mailer.sentAt.map(([, t]) => t - 1_000_000)).toEqual([0, 1000, 3000]);
    expect(time.sleeps).toEqual([1000, 2000]);
    expect(result.run).toMatchObject({ sent: 1, deferred: 2 });
    expect(ledger.deliveries(1)[0]).toMatchObject({ state: "sent", attempts: 3 });
    ledger.close();
  });

  it("a run started after a deferral respects the stored retry time", async () => {
    const time = fakeTime();
    const ledger = ledgerOf(1, time);
    await ledger.claim(1, "r1@example.net");
    await ledger.record(1, "r1@example.net", { kind: "deferred", response: "451", retryAt: 1_000_000 + 5_000 });
    const mailer = scriptedMailer(time);
    await runSendLoop(
      { ledger, mailer, source: simpleSource(), events, clock: time.clock, sleep: time.sleep, signal: new AbortController().signal },
      options(),
    );
    expect(time.sleeps).toEqual([5_000]);
    expect(mailer.sentAt).toEqual([["r1@example.net", 1_005_000]]);
    ledger.close();
  });

  it("an interrupted run sends nothing more, even what was already composed", async () => {
    const time = fakeTime();
    const ledger = ledgerOf(3, time);
    const ctrlC = new AbortController();
    // r2 and r3 are still being composed when Ctrl-C comes during r1's transmission
    const mailer = scriptedMailer(
      time,
      (to) => {
        if (to === "r1@example.net") ctrlC.abort();
        return { kind: "accepted", response: "250 ok" };
      },
      (to) => (to === "r1@example.net" ? 1 : 5),
    );
    const result = await runSendLoop(
      { ledger, mailer, source: simpleSource(), events, clock: time.clock, sleep: time.sleep, signal: ctrlC.signal },
      options({ concurrency: 3 }),
    );
    expect(mailer.sentAt.map(([to]) => to)).toEqual(["r1@example.net"]);
    expect(result.stop).toEqual({ kind: "interrupted" });
    expect(ledger.progress(1)?.counts).toMatchObject({ sent: 1, queued: 2, sending: 0 });
    ledger.close();
  });
});
