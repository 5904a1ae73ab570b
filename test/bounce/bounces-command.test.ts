/**
 * `koepfe bounces` through the real binary, after a real send into an SMTP server on 127.0.0.1: each
 * delivery's VERP envelope sender names it; reports from a folder, an mbox or stdin are matched
 * (VERP, Message-ID, address), recorded once, and acted on — hard and complaint suppress, soft is
 * counted, policy raises the alarm — and the complaint rate holds the next issue.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runBin, spawnBin, jsonLines } from "../helpers/cli.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { SECRET } from "../helpers/send.js";
import { NEWSLETTER } from "../helpers/newsletter.js";
import { BOUNCE, postfixDsn, sentIssue, yahooArf, type Sent } from "../helpers/bounces.js";
import { mboxrd } from "../helpers/mbox.js";
import { parseVerp } from "../../src/bounce/verp.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

function folderOf(messages: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "koepfe-bounces-"));
  for (const [name, text] of Object.entries(messages)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const bounces = (s: Sent, args: string[], input?: string) =>
  runBin(["bounces", s.dir, ...args], { env: s.env, ...(input ? { input } : {}) });
const lines = jsonLines;
const suppressed = (s: Sent) =>
  runBin(["suppressions", s.dir], { env: s.env })
    .stdout.split("\n")
    .filter((l) => l.includes("@"));

describe("the envelope sender of each delivery (VERP)", () => {
  it("is bounces+<tag>@domain, and the tag names the issue and the delivery's place in the audience", async () => {
    const s = await sentIssue(smtp, 3, "verp.test");
    const named = s.mails.map((m) => parseVerp(m.from, BOUNCE, SECRET, NEWSLETTER.list_id));
    expect(s.mails.map((m) => m.from)).toEqual(
      s.mails.map(() => expect.stringMatching(/^bounces\+1-[0-9a-z]+-[a-z2-7]{10}@koepfe\.test$/)),
    );
    expect(named).toEqual([0, 1, 2].map((position) => ({ issue: 1, position })));
    // another secret or list cannot make or read a tag
    expect(parseVerp(s.mails[0]?.from ?? "", BOUNCE, "another-secret-0123456789", NEWSLETTER.list_id)).toBeNull();
  });
});

describe("koepfe bounces", () => {
  it("a hard bounce suppresses the address and counts for the issue; the same report again changes nothing", async () => {
    const s = await sentIssue(smtp, 3, "hard.test");
    const r2 = s.mails[1];
    if (!r2) throw new Error("no mail to r2");
    const folder = folderOf({
      "1.eml": postfixDsn({
        to: r2.from,
        recipient: r2.to,
        status: "5.1.1",
        diagnostic: "550 5.1.1 <r2@hard.test>: Recipient address rejected: User unknown",
      }),
    });
    const first = bounces(s, ["--maildir", folder]);
    expect(first.code, first.stderr).toBe(0);
    const [report, summary] = lines(first.stdout);
    expect(report).toMatchObject({
      event: "report",
      kind: "dsn",
      recipients: [{ email: "r2@hard.test", class: "hard", status: "5.1.1", action: "suppressed" }],
      delivery: { issue: 1, email: "r2@hard.test", matched_by: "verp" },
    });
    expect(summary).toMatchObject({ event: "summary", messages: 1, recorded: 1, suppressed: 1 });
    expect(suppressed(s)).toEqual([expect.stringMatching(/r2@hard\.test.*bounce: 5\.1\.1 550 5\.1\.1/)]);
    const status = runBin(["status", s.dir], { env: s.env }).stdout;
    expect(status).toContain(
      "issue 1 after the send: 1 hard bounces (33.3 %), 0 soft, 0 complaints (0 %), 0 policy blocks, of 3 delivered",
    );

    const again = bounces(s, ["--maildir", folder]);
    expect(lines(again.stdout)[0]).toMatchObject({ duplicate: true });
    expect(lines(again.stdout)[1]).toMatchObject({ recorded: 0, duplicates: 1, suppressed: 0 });
    expect(suppressed(s)).toHaveLength(1);
  }, 60_000);

  it("finds the delivery by our Message-ID when the report names a forwarded address, and a forged tag names nobody", async () => {
    const s = await sentIssue(smtp, 3, "match.test");
    const [r1, r2] = s.mails;
    if (!r1 || !r2) throw new Error("mails missing");
    const forged = r2.from.replace(/-[a-z2-7]{10}@/, "-aaaaaaaaaa@");
    const folder = folderOf({
      "1.eml": postfixDsn({
        to: BOUNCE,
        recipient: "neue-adresse@forward.example",
        status: "5.1.1",
        diagnostic: "550 5.1.1 no such user",
        originalMessageId: r1.messageId,
      }),
      "2.eml": postfixDsn({ to: forged, recipient: "fremd@example.com", status: "5.1.1", diagnostic: "550 5.1.1 no such user" }),
    });
    const r = bounces(s, ["--maildir", folder, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const [byId, stranger] = lines(r.stdout);
    expect(byId).toMatchObject({ delivery: { issue: 1, email: "r1@match.test", matched_by: "message-id" } });
    expect(stranger).toMatchObject({ delivery: null, recipients: [{ email: "fremd@example.com", class: "hard", action: "not-ours" }] });
    expect(suppressed(s)).toEqual([expect.stringContaining("r1@match.test")]);
  }, 60_000);

  it("a complaint suppresses at once and its rate holds the next issue: send --due exits 4, send 2 needs --despite-rates", async () => {
    const s = await sentIssue(smtp, 3, "complaint.test");
    const r1 = s.mails[0];
    if (!r1) throw new Error("no mail to r1");
    const mbox = path.join(folderOf({}), "fbl.mbox");
    writeFileSync(
      mbox,
      mboxrd([yahooArf({ to: "fbl@koepfe.test", recipient: r1.to, mailFrom: r1.from, originalMessageId: r1.messageId })]),
    );
    const r = bounces(s, ["--mbox", mbox]);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)[0]).toMatchObject({ kind: "arf", recipients: [{ class: "complaint", action: "suppressed" }] });
    expect(suppressed(s)).toEqual([expect.stringMatching(/r1@complaint\.test.*complaint/)]);

    const before = smtp.received.length;
    const due = await spawnBin(["send", "--due", s.dir, "--now", "2024-12-09T07:05"], s.env).done;
    expect(due.code).toBe(4);
    const held = lines(due.stdout).find((l) => l["event"] === "held");
    expect(held?.["message"]).toMatch(
      /^issue 2 is held: issue 1 drew complaints 33\.3 % \(1 of 3; limit 0\.3 %\)\..*koepfe send 2 --despite-rates$/,
    );
    const byHand = await spawnBin(["send", "2", s.dir], s.env).done;
    expect([byHand.code, byHand.stderr]).toEqual([4, expect.stringContaining("error[E_RATES]: issue 2 is held")]);
    expect(smtp.received.length).toBe(before);
    expect(runBin(["status", s.dir], { env: s.env }).stdout).toContain("send --due: issue 2 is held");

    const despite = await spawnBin(["send", "2", s.dir, "--despite-rates"], s.env).done;
    expect(despite.code, despite.stderr).toBe(0);
    // the complainer is not mailed again
    expect(
      smtp.received
        .slice(before)
        .map((m) => m.to)
        .sort(),
    ).toEqual(["r2@complaint.test", "r3@complaint.test"]);
  }, 90_000);

  it("a policy block raises the deliverability alarm and suppresses nobody; a soft bounce is counted (through stdin)", async () => {
    const s = await sentIssue(smtp, 3, "policy.test");
    const [, r2, r3] = s.mails;
    if (!r2 || !r3) throw new Error("mails missing");
    const blocked = bounces(
      s,
      ["--stdin"],
      postfixDsn({
        to: r2.from,
        recipient: r2.to,
        status: "5.7.1",
        diagnostic: "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org",
      }),
    );
    expect(blocked.code, blocked.stderr).toBe(0);
    const full = bounces(
      s,
      ["--stdin"],
      postfixDsn({ to: r3.from, recipient: r3.to, status: "4.2.2", action: "delayed", diagnostic: "452 4.2.2 Mailbox full" }),
    );
    expect(lines(full.stdout)[0]).toMatchObject({ recipients: [{ class: "soft", action: "counted" }] });
    expect(suppressed(s)).toEqual([]);
    const status = runBin(["status", s.dir], { env: s.env }).stdout;
    expect(status).toContain("0 hard bounces (0 %), 1 soft, 0 complaints (0 %), 1 policy blocks, of 3 delivered");
    expect(status).toMatch(
      /deliverability alarm: 1 policy block after issue 1, e\.g\. "554 5\.7\.1 .*spamhaus.*": receivers refused the sender/,
    );
  }, 60_000);

  it("--dry-run --json prints one line per message as specified and changes nothing", async () => {
    const s = await sentIssue(smtp, 2, "dry.test");
    const r1 = s.mails[0];
    if (!r1) throw new Error("no mail to r1");
    const folder = folderOf({
      "1.eml": postfixDsn({ to: r1.from, recipient: r1.to, status: "5.1.1", diagnostic: "550 5.1.1 User unknown" }),
      "2.eml": "Hallo, das ist keine Mail.\n",
    });
    const r = bounces(s, ["--maildir", folder, "--dry-run", "--json"]);
    expect(r.code).toBe(1);
    const [dsn, junk] = lines(r.stdout);
    expect(dsn).toEqual({
      source: path.join(folder, "1.eml"),
      kind: "dsn",
      report_id: expect.stringMatching(/^<.*@mx\.koepfe\.test>$/),
      recipients: [{ email: "r1@dry.test", class: "hard", status: "5.1.1", diagnostic: "550 5.1.1 User unknown" }],
      delivery: { issue: 1, email: "r1@dry.test", matched_by: "verp" },
    });
    expect(junk).toMatchObject({ kind: "unknown", recipients: [], delivery: null, error: { code: "not-a-mail" } });
    expect(r.stderr).toContain('"dry_run":true');
    expect(suppressed(s)).toEqual([]);
    expect(runBin(["status", s.dir], { env: s.env }).stdout).not.toContain("bounce reports:");
  }, 60_000);

  it("bad input: not a mail on stdin (exit 1, recorded once), no source or two (exit 2), a missing folder (exit 2)", async () => {
    const s = await sentIssue(smtp, 1, "bad.test");
    const junk = bounces(s, ["--stdin"], "GET / HTTP/1.1\r\n\r\n");
    expect(junk.code).toBe(1);
    expect(lines(junk.stdout)[0]).toMatchObject({ error: { code: "not-a-mail" } });
    expect(runBin(["status", s.dir], { env: s.env }).stdout).toContain("bounce reports: 1 recorded, 1 could not be read");
    const none = bounces(s, []);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining("say where the reports are: --stdin, --maildir PATH")]);
    const two = bounces(s, ["--stdin", "--mbox", "x.mbox"]);
    expect([two.code, two.stderr]).toEqual([2, expect.stringContaining("one source at a time (given: --stdin, --mbox)")]);
    const missing = bounces(s, ["--maildir", "/nonexistent/bounces"]);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringContaining("error[E_SOURCE_PATH]: /nonexistent/bounces does not exist"),
    ]);
    const doneWithoutImap = bounces(s, ["--stdin", "--imap-done", "Processed"]);
    expect(doneWithoutImap.code).toBe(2);
    expect(`${junk.stderr}${none.stderr}${missing.stderr}`).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("reads a report with a 50 MB attachment from stdin in bounded time: the head is classified, the rest dropped", async () => {
    const s = await sentIssue(smtp, 1, "big.test");
    const r1 = s.mails[0];
    if (!r1) throw new Error("no mail to r1");
    const dsn = postfixDsn({ to: r1.from, recipient: r1.to, status: "5.1.1", diagnostic: "550 5.1.1 User unknown" });
    const huge = dsn.replace(/--([^\r\n]+)--\r\n$/, (_m, b: string) => {
      const body = "A"
        .repeat(76)
        .concat("\r\n")
        .repeat(50 * 1024 * 14);
      return `--${b}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n${body}--${b}--\r\n`;
    });
    expect(huge.length).toBeGreaterThan(50 * 1024 * 1024);
    const r = bounces(s, ["--stdin", "--json"], huge);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)[0]).toMatchObject({
      truncated: true,
      recipients: [{ email: "r1@big.test", class: "hard", action: "suppressed" }],
    });
  }, 60_000);

  it("scripts/bounce-pipe.sh, the MTA's pipe: records a report (exit 0), and answers 0 for junk too, which it records", async () => {
    const s = await sentIssue(smtp, 1, "pipe.test");
    const r1 = s.mails[0];
    if (!r1) throw new Error("no mail to r1");
    const pipe = (input: string) =>
      spawnSync("bash", [path.join(ROOT, "scripts/bounce-pipe.sh")], {
        input,
        encoding: "utf8",
        env: { PATH: process.env["PATH"] ?? "", KOEPFE_EDITION: s.dir, KOEPFE_LOG: "-", KOEPFE_SECRET: s.env["KOEPFE_SECRET"] ?? "" },
      });
    const report = pipe(postfixDsn({ to: r1.from, recipient: r1.to, status: "5.1.1", diagnostic: "550 5.1.1 User unknown" }));
    expect(report.status, report.stdout).toBe(0);
    expect(suppressed(s)).toEqual([expect.stringContaining("r1@pipe.test")]);
    const junk = pipe("Buy cheap watches\n");
    expect([junk.status, junk.stdout]).toEqual([0, expect.stringContaining('"code":"not-a-mail"')]);
    expect(runBin(["status", s.dir], { env: s.env }).stdout).toContain("bounce reports: 2 recorded, 1 could not be read");
  }, 60_000);
});
