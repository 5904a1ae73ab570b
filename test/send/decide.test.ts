import { describe, it, expect } from "vitest";
import { classifySmtpError } from "../../src/send/mailer/mailer.js";
import { backoffMs, decide, FailureWindow } from "../../src/send/decide.js";
import { DeliveryQueue, Pacer } from "../../src/send/queue.js";

// error shapes as nodemailer 10 produced them against smtp-server on this machine
const errors = {
  rcpt451: {
    code: "EENVELOPE",
    command: "RCPT TO",
    responseCode: 451,
    response: "451 greylisted",
    message: "Can't send mail - all recipients were rejected: 451 greylisted",
  },
  rcpt550: { code: "EENVELOPE", command: "RCPT TO", responseCode: 550, response: "550 no such user", message: "…" },
  from550: { code: "EENVELOPE", command: "MAIL FROM", responseCode: 550, response: "550 sender denied", message: "…" },
  data451: { code: "EMESSAGE", command: "DATA", responseCode: 451, response: "451 try later", message: "…" },
  data554: { code: "EMESSAGE", command: "DATA", responseCode: 554, response: "554 spam", message: "…" },
  closed421: {
    code: "ECONNECTION",
    command: "CONN",
    responseCode: 421,
    response: "421 closing",
    message: "Server closed the connection: 421 closing",
  },
  auth: { code: "EAUTH", command: "AUTH PLAIN", responseCode: 535, response: "535 bad", message: "Invalid login: 535 bad" },
  refused: { code: "ESOCKET", command: "CONN", originalCode: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1" },
  dropped: { code: "ECONNECTION", command: "CONN", message: "Connection closed unexpectedly" },
  epipe: { code: "ESOCKET", command: "CONN", originalCode: "EPIPE", message: "write EPIPE" },
  notHandedOver: { code: "ECONNECTION", message: "Reached maximum number of retries after connection was closed" },
};

describe("classifySmtpError", () => {
  it("tells 4xx from 5xx and the recipient from the message", () => {
    expect(classifySmtpError(errors.rcpt451)).toEqual({
      kind: "rejected",
      stage: "recipient",
      permanent: false,
      response: "451 greylisted",
    });
    expect(classifySmtpError(errors.rcpt550)).toMatchObject({ kind: "rejected", stage: "recipient", permanent: true });
    expect(classifySmtpError(errors.data451)).toMatchObject({ kind: "rejected", stage: "message", permanent: false });
    expect(classifySmtpError(errors.data554)).toMatchObject({ kind: "rejected", stage: "message", permanent: true });
    expect(classifySmtpError(errors.closed421)).toMatchObject({ kind: "rejected", permanent: false });
  });

  it("stops the run for authentication, an unreachable relay and a refused sender", () => {
    expect(classifySmtpError(errors.auth)).toMatchObject({ kind: "relay-failure", code: "E_SMTP_AUTH" });
    expect(classifySmtpError(errors.refused)).toMatchObject({ kind: "relay-failure", code: "E_SMTP_UNREACHABLE" });
    expect(classifySmtpError(errors.from550)).toMatchObject({ kind: "relay-failure", code: "E_SMTP_SENDER_REFUSED" });
  });

  it("treats a connection lost mid-transaction as maybe accepted, unless the pool never handed the message over", () => {
    expect(classifySmtpError(errors.dropped)).toMatchObject({ kind: "dropped", maybeAccepted: true });
    expect(classifySmtpError(errors.epipe)).toMatchObject({ kind: "dropped", maybeAccepted: true });
    expect(classifySmtpError(errors.notHandedOver)).toMatchObject({ kind: "dropped", maybeAccepted: false });
  });
});

describe("decide", () => {
  const retry = { maxAttempts: 3, baseDelayMs: 1000 };
  it("retries a 4xx with doubling delays, then gives up as failed", () => {
    const r = classifySmtpError(errors.rcpt451);
    expect(decide(r, 0, 10_000, retry).transition).toEqual({ kind: "deferred", response: "451 greylisted", retryAt: 11_000 });
    expect(decide(r, 1, 10_000, retry).transition).toEqual({ kind: "deferred", response: "451 greylisted", retryAt: 12_000 });
    expect(decide(r, 2, 10_000, retry).transition).toEqual({ kind: "failed", response: "gave up after 3 attempts: 451 greylisted" });
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 60_000))).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it("bounces a 5xx for the recipient, fails a 5xx for the content without suppressing", () => {
    expect(decide(classifySmtpError(errors.rcpt550), 0, 0, retry).transition.kind).toBe("bounced");
    expect(decide(classifySmtpError(errors.data554), 0, 0, retry).transition.kind).toBe("failed");
  });

  it("never resends a maybe-accepted message, and stops on relay failures without counting them", () => {
    expect(decide(classifySmtpError(errors.dropped), 0, 0, retry)).toMatchObject({
      transition: { kind: "unknown" },
      failure: true,
      stop: null,
    });
    expect(decide(classifySmtpError(errors.auth), 0, 0, retry)).toMatchObject({
      transition: { kind: "not-sent" },
      failure: null,
      stop: { code: "E_SMTP_AUTH" },
    });
    expect(decide({ kind: "accepted", response: "250 ok" }, 0, 0, retry)).toMatchObject({ transition: { kind: "sent" }, failure: false });
  });
});

describe("FailureWindow", () => {
  it("pauses only when the window is full and more than the share failed", () => {
    const w = new FailureWindow({ share: 0.5, window: 4 });
    expect([true, true, true].map((f) => w.push(f))).toEqual([false, false, false]);
    expect(w.push(false)).toBe(true); // 3 of 4
    const v = new FailureWindow({ share: 0.5, window: 4 });
    expect([true, false, true, false, true, false].map((f) => v.push(f))).toEqual([false, false, false, false, false, false]); // 2 of 4 is not more than half
    expect(v.push(true)).toBe(false); // window false,true,false,true → 2 of 4
    expect(v.push(true)).toBe(true); // true,false,true,true → 3 of 4
  });
});

describe("DeliveryQueue and Pacer", () => {
  const row = (email: string, retryAt: number | null = null) => ({
    email,
    firstName: null,
    messageId: `<${email}>`,
    position: 0,
    attempts: 0,
    retryAt,
  });
  it("serves ready rows in order, deferred rows when due, and says how long to wait", () => {
    const q = new DeliveryQueue([row("a"), row("late", 5_000), row("b")], 1_000);
    expect(q.next(1_000)).toEqual({ row: row("a") });
    q.defer(row("c", 2_000));
    expect(q.next(1_000)).toEqual({ row: row("b") });
    expect(q.next(1_000)).toEqual({ waitMs: 1_000 });
    expect(q.next(2_000)).toEqual({ row: row("c", 2_000) });
    expect(q.next(2_000)).toEqual({ waitMs: 3_000 });
    expect(q.next(5_000)).toEqual({ row: row("late", 5_000) });
    expect(q.next(5_000)).toBeNull();
  });

  it("spaces starts 1/rate apart and does not pace without a rate", () => {
    const p = new Pacer(4);
    expect([0, 0, 0, 600].map((t) => p.reserve(t))).toEqual([0, 250, 500, 150]);
    expect(new Pacer(null).reserve(0)).toBe(0);
  });
});
