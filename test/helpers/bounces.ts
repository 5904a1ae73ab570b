/**
 * Bounce reports in the shapes real systems send, for the tests of `koepfe bounces` and its effects:
 * a Postfix DSN (RFC 3464, as Postfix 3 writes it, see test/fixtures/bounces/postfix-user-unknown.eml)
 * and an ARF complaint (RFC 5965, as Yahoo's feedback loop sends it), each naming the original
 * message by its envelope sender (VERP) and its Message-ID.
 */
import { randomBytes } from "node:crypto";
import { simpleParser } from "mailparser";
import { expect } from "vitest";
import { spawnBin } from "./cli.js";
import { confirmed, sendEdition, sendEnv } from "./send.js";
import type { TestSmtp } from "./smtp.js";

export const BOUNCE = "bounces@koepfe.test";

export interface Sent {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Per recipient r1…rN: the envelope sender and our Message-ID of issue 1. */
  mails: { to: string; from: string; messageId: string }[];
}

/** An edition with a bounce address whose issue 1 went to `n` recipients at `domain` (through the real binary). */
export async function sentIssue(smtp: TestSmtp, n: number, domain: string): Promise<Sent> {
  const dir = sendEdition(confirmed(n, domain), { bounce_address: BOUNCE });
  const env = sendEnv(smtp.url);
  const r = await spawnBin(["send", "1", dir], env).done;
  expect(r.code, r.stderr).toBe(0);
  const received = smtp.received.filter((m) => m.to.endsWith(`@${domain}`));
  const mails = await Promise.all(
    received.map(async (m) => ({ to: m.to, from: m.from, messageId: (await simpleParser(m.raw)).messageId ?? "" })),
  );
  return { dir, env, mails: mails.sort((a, b) => a.to.localeCompare(b.to, "en", { numeric: true })) };
}

export interface DsnOptions {
  /** Where the report goes: the original's envelope sender (a VERP address, or the plain bounce address). */
  to: string;
  /** The failed recipient the report names. */
  recipient: string;
  status: string;
  diagnostic: string;
  action?: "failed" | "delayed";
  /** Message-ID of the original (ours), in <angle brackets>. */
  originalMessageId?: string;
  /** The report's own Message-ID; random by default. */
  messageId?: string;
}

const id = () => randomBytes(6).toString("hex");

export function postfixDsn(o: DsnOptions): string {
  const boundary = `${id()}.1796110938/mx.koepfe.test`;
  const messageId = o.messageId ?? `<20261201074218.${id()}@mx.koepfe.test>`;
  return [
    "Return-Path: <MAILER-DAEMON>",
    `X-Original-To: ${o.to}`,
    `Delivered-To: ${o.to}`,
    "Date: Tue,  1 Dec 2026 07:42:18 +0000 (UTC)",
    "From: Mail Delivery System <MAILER-DAEMON@mx.koepfe.test>",
    o.action === "delayed" ? "Subject: Delayed Mail (still being retried)" : "Subject: Undelivered Mail Returned to Sender",
    `To: ${o.to}`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    `Message-Id: ${messageId}`,
    "",
    "This is a MIME-encapsulated message.",
    "",
    `--${boundary}`,
    "Content-Description: Notification",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "This is the mail system at host mx.koepfe.test.",
    "",
    `<${o.recipient}>: ${o.diagnostic}`,
    "",
    `--${boundary}`,
    "Content-Description: Delivery report",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.koepfe.test",
    `X-Postfix-Sender: rfc822; ${o.to}`,
    "",
    `Final-Recipient: rfc822; ${o.recipient}`,
    `Action: ${o.action ?? "failed"}`,
    `Status: ${o.status}`,
    `Diagnostic-Code: smtp; ${o.diagnostic}`,
    "",
    `--${boundary}`,
    "Content-Description: Undelivered Message Headers",
    "Content-Type: text/rfc822-headers",
    "",
    `Return-Path: <${o.to}>`,
    "From: 100 Köpfe <koepfe@example.org>",
    `To: ${o.recipient}`,
    "Subject: 100 Köpfe 2024",
    ...(o.originalMessageId ? [`Message-ID: ${o.originalMessageId}`] : []),
    "",
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

export interface ArfOptions {
  /** The feedback address the provider sends to. */
  to: string;
  recipient: string;
  /** The envelope sender of the original (VERP). */
  mailFrom: string;
  originalMessageId?: string;
  messageId?: string;
}

export function yahooArf(o: ArfOptions): string {
  const boundary = `----=_Part_arf_${id()}`;
  return [
    "Return-Path: <>",
    `Delivered-To: ${o.to}`,
    "From: Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.example.com>",
    `To: ${o.to}`,
    "Subject: FW: 100 Köpfe 2024",
    "Date: Tue, 1 Dec 2026 11:02:41 +0000",
    `Message-ID: ${o.messageId ?? `<${id()}.yahoo-fbl@arf.mail.yahoo.example.com>`}`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    'Content-Type: text/plain; charset="us-ascii"',
    "",
    "This is an email abuse report for an email message received from IP 198.51.100.7.",
    "",
    `--${boundary}`,
    "Content-Type: message/feedback-report",
    "",
    "Feedback-Type: abuse",
    "User-Agent: Yahoo!-Mail-Feedback/2.0",
    "Version: 0.1",
    `Original-Mail-From: <${o.mailFrom}>`,
    `Original-Rcpt-To: <${o.recipient}>`,
    "",
    `--${boundary}`,
    "Content-Type: message/rfc822",
    "",
    "From: 100 Köpfe <koepfe@example.org>",
    `To: ${o.recipient}`,
    "Subject: 100 Köpfe 2024",
    ...(o.originalMessageId ? [`Message-ID: ${o.originalMessageId}`] : []),
    "",
    "Hallo, hier sind die Plätze 6 bis 4.",
    "",
    `--${boundary}--`,
    "",
  ].join("\r\n");
}
