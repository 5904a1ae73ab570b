/**
 * `koepfe send`, `status`, `suppress` and `suppressions` through the CLI (in-process), with the real
 * newsletter rendering and a real SMTP server on 127.0.0.1.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { runCli } from "../helpers/cli.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { confirmed, sendEdition, sendEnv, stateFile, type SubscriberRow } from "../helpers/send.js";
import { Ledger } from "../../src/send/ledger/ledger.js";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const mailsTo = (to: string) => smtp.received.filter((r) => r.to === to);

describe("koepfe send ISSUE", () => {
  it("sends to eligible subscribers only, once per address, and a re-run sends nothing", async () => {
    const rows: SubscriberRow[] = [
      ["anna@cmd1.test", "Anna", "confirmed", "2024-01-05T10:00:00Z"],
      ["anna@CMD1.Test", "Anna", "confirmed", "05.01.2024"],
      ["pending@cmd1.test", "", "pending", ""],
      ["gone@cmd1.test", "", "unsubscribed", ""],
      ["suppressed@cmd1.test", "", "confirmed", "2024-01-05T10:00:00Z"],
      ["bernd@cmd1.test", "", "confirmed", "2024-01-05T10:00:00Z"],
    ];
    const dir = sendEdition(rows);
    const env = sendEnv(smtp.url);
    expect((await runCli(["suppress", "suppressed@cmd1.test", "--reason", "Brief vom 3.12.", "--dir", dir], env)).code).toBe(0);

    const r = await runCli(["send", "1", dir], env);
    // the duplicate is a check warning, not an error
    expect(r.stderr).toBe(`koepfe: 1 warning in the edition ("koepfe check ${dir}" lists them)\n`);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    // first what goes out and that it is now published, then the audience
    expect(lines.slice(0, 3).map((l) => l["event"])).toEqual(["issue", "published", "audience"]);
    expect(lines[0]).toMatchObject({ event: "issue", issue: 1, origin: "compiled" });
    expect(lines[2]).toMatchObject({ event: "audience", size: 2, rows: 6, notConfirmed: 1, withdrawn: 1, suppressed: 1, duplicates: 1 });
    expect(lines.at(-1)).toMatchObject({ event: "summary", exit: 0, run: { sent: 2 } });
    expect(mailsTo("anna@cmd1.test")).toHaveLength(1);
    expect(mailsTo("bernd@cmd1.test")).toHaveLength(1);
    for (const nobody of ["pending@cmd1.test", "gone@cmd1.test", "suppressed@cmd1.test"]) expect(mailsTo(nobody)).toHaveLength(0);

    const mail = await simpleParser((mailsTo("anna@cmd1.test")[0] as { raw: Buffer }).raw);
    expect(mail.subject).toBe("100 Köpfe 2024: Plätze 6 bis 4");
    expect(mail.text).toContain("Hallo Anna,");
    expect(mail.headers.get("list")).toMatchObject({
      id: { id: "koepfe-2024.example.org" },
      unsubscribe: {
        url: expect.stringMatching(/^https:\/\/koepfe\.example\.org\/u\//),
        mail: "unsubscribe@example.org?subject=unsubscribe",
      },
      "unsubscribe-post": { name: "List-Unsubscribe=One-Click" },
    });

    const again = await runCli(["send", "1", dir], env);
    expect(again.code).toBe(0);
    expect(jsonLines(again.stdout).at(-1)).toMatchObject({ run: { sent: 0 }, skipped: 2 });
    expect(mailsTo("anna@cmd1.test")).toHaveLength(1);

    const status = await runCli(["status", dir, "--json"], env);
    const s = JSON.parse(status.stdout) as {
      issues: { number: number; sendAt: string; progress: { complete: boolean; counts: { sent: number } } | null }[];
    };
    expect(s.issues.map((i) => [i.number, i.sendAt, i.progress?.complete ?? null, i.progress?.counts.sent ?? null])).toEqual([
      [1, "2024-12-02T07:00", true, 2],
      [2, "2024-12-09T07:00", null, null],
    ]);
    const text = await runCli(["status", dir, "--now", "2024-12-09T06:00"], env);
    expect(text.stdout).toMatch(/^1 +Mo 02\.12\.2024 07:00 MEZ +2024-12-02 06:00Z +done +2 +2 +0 +0 +0 +0 +0 +complete$/m);
    expect(text.stdout).toContain("send --due at 2024-12-09T06:00:00.000+01:00: nothing due");
    expect(text.stdout).toMatch(/^2 +Mo 09\.12\.2024 07:00 MEZ +2024-12-09 06:00Z +wait .*not started$/m);
  });

  it("keeps the audience fixed once the first send started: later sign-ups wait for the next issue", async () => {
    const dir = sendEdition(confirmed(2, "cmd2.test"));
    const env = sendEnv(smtp.url);
    const ledger = new Ledger(stateFile(dir));
    ledger.freezeAudience(1, [{ email: "r1@cmd2.test", firstName: null, messageId: "<fixed@example.org>" }]);
    ledger.close();
    const r = await runCli(["send", "1", dir], env);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).find((l) => l["event"] === "audience")).toMatchObject({ event: "audience", size: 1 });
    expect(mailsTo("r1@cmd2.test")).toHaveLength(1);
    expect(mailsTo("r2@cmd2.test")).toHaveLength(0);
  });

  it("refuses without KOEPFE_SECRET or KOEPFE_SMTP_URL, and an edition with check errors, sending nothing", async () => {
    const dir = sendEdition(confirmed(1, "cmd3.test"));
    const noSecret = await runCli(["send", "1", dir], sendEnv(smtp.url, { KOEPFE_SECRET: "" }));
    expect([noSecret.code, noSecret.stderr]).toEqual([1, expect.stringContaining("error[E_NO_SECRET]")]);
    const noRelay = await runCli(["send", "1", dir], sendEnv(""));
    expect([noRelay.code, noRelay.stderr]).toEqual([1, expect.stringContaining("error[E_NO_SMTP_URL]")]);
    const broken = sendEdition([["not-an-address", "", "confirmed", "2024-01-05T10:00:00Z"], ...confirmed(1, "cmd3.test")]);
    const invalid = await runCli(["send", "1", broken], sendEnv(smtp.url));
    expect([invalid.code, invalid.stderr]).toEqual([1, expect.stringContaining("error[E_EDITION_INVALID]")]);
    expect(invalid.stderr).toContain("subscribers.csv:2:1: error[invalid-email]");
    expect(mailsTo("r1@cmd3.test")).toHaveLength(0);
    expect(existsSync(stateFile(dir))).toBe(false);
    const unknownIssue = await runCli(["send", "7", dir], sendEnv(smtp.url));
    expect([unknownIssue.code, unknownIssue.stderr]).toEqual([1, expect.stringContaining("there is no newsletter issue 7 (issues: 1, 2)")]);
  });

  it("stops with exit 4 when the relay refuses the login, printing the summary; the rest stays queued", async () => {
    const relay = await startSmtp({ auth: { user: "koepfe", pass: "geheim" } });
    try {
      const dir = sendEdition(confirmed(3, "cmd9.test"));
      const r = await runCli(["send", "1", dir], sendEnv(relay.url.replace("geheim", "falsch")));
      expect(r.code).toBe(4);
      const lines = jsonLines(r.stdout);
      expect(lines.find((l) => l["event"] === "stop")).toMatchObject({ kind: "relay", code: "E_SMTP_AUTH" });
      expect(lines.at(-1)).toMatchObject({ event: "summary", exit: 4, totals: { counts: { queued: 3, sent: 0 } } });
      expect(relay.received).toHaveLength(0);
      const bad = await runCli(["send", "1", dir], sendEnv("ftp://relay.example.org"));
      expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining("error[E_SMTP_URL]")]);
    } finally {
      await relay.close();
    }
  });

  it("refuses while another live run holds the lock", async () => {
    const dir = sendEdition(confirmed(1, "cmd4.test"));
    const ledger = new Ledger(stateFile(dir));
    ledger.lock.acquire("send 2", process.ppid);
    ledger.close();
    const r = await runCli(["send", "1", dir], sendEnv(smtp.url));
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining(`error[E_LOCKED]: another send is running (pid ${process.ppid}`)]);
    expect(mailsTo("r1@cmd4.test")).toHaveLength(0);
  });

  it("reports usage mistakes with exit 2", async () => {
    const dir = sendEdition(confirmed(1, "cmd5.test"));
    for (const args of [
      ["send"],
      ["send", "x", dir],
      ["send", "1", dir, "--limit", "3"],
      ["send", "1", dir, "--test", "a@b.test", "--dry-run"],
      ["send", "1", dir, "--test", "nope"],
      ["send", "1", dir, "--rate", "-1"],
    ]) {
      const r = await runCli(args, sendEnv(smtp.url));
      expect([args.join(" "), r.code]).toEqual([args.join(" "), 2]);
    }
  });
});

describe("koepfe send ISSUE --test", () => {
  it("sends the issue with [TEST] in the subject to the given addresses, without a ledger", async () => {
    const dir = sendEdition(confirmed(3, "cmd6.test"));
    const r = await runCli(["send", "2", dir, "--test", "lektorat@cmd6.test, chef@CMD6.test"], sendEnv(smtp.url));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("test: lektorat@cmd6.test: accepted");
    const mail = await simpleParser((mailsTo("chef@cmd6.test")[0] as { raw: Buffer }).raw);
    expect(mail.subject).toBe("[TEST] 100 Köpfe 2024: Plätze 3 bis 1");
    expect(mailsTo("r1@cmd6.test")).toHaveLength(0);
    expect(existsSync(stateFile(dir))).toBe(false);
  });
});

describe("koepfe send ISSUE --dry-run", () => {
  it("writes the exact messages as .eml files and touches no ledger", async () => {
    const dir = sendEdition([...confirmed(3, "cmd7.test"), ["o'neil/../x@cmd7.test", "", "confirmed", "2024-01-05T10:00:00Z"]]);
    const out = path.join(mkdtempSync(path.join(tmpdir(), "koepfe-eml-")), "eml");
    const r = await runCli(["send", "1", dir, "--dry-run", "--eml-dir", out], sendEnv(""));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("4 messages written to");
    expect(readdirSync(out).sort()).toEqual([
      "00001-r1@cmd7.test.eml",
      "00002-r2@cmd7.test.eml",
      "00003-r3@cmd7.test.eml",
      "00004-o_neil_.._x@cmd7.test.eml",
    ]);
    const mail = await simpleParser(readFileSync(path.join(out, "00002-r2@cmd7.test.eml")));
    expect(mail.to).toMatchObject({ value: [{ address: "r2@cmd7.test" }] });
    expect(mail.messageId).toMatch(/^<koepfe-2024\.1\.[0-9a-f]{16}@example\.org>$/);
    expect(existsSync(stateFile(dir))).toBe(false);

    const limited = await runCli(["send", "1", dir, "--dry-run", "--limit", "2"], sendEnv(""));
    expect(limited.stdout).toContain("2 messages written to");
    expect(readdirSync(path.join(dir, ".koepfe", "dry-run", "issue-1"))).toHaveLength(2);
    expect(existsSync(stateFile(dir))).toBe(false);
    const notEmpty = await runCli(["send", "1", dir, "--dry-run", "--eml-dir", out], sendEnv(""));
    expect(notEmpty.code).toBe(2);
  });
});

describe("koepfe suppress and suppressions", () => {
  it("adds addresses once, lists them and exports CSV with formula cells neutralised", async () => {
    const dir = sendEdition(confirmed(1, "cmd8.test"));
    const env = sendEnv("");
    const first = await runCli(["suppress", "a@cmd8.test", "=HYPERLINK@cmd8.test", "--reason", "=cmd|' /C calc'!A0", "--dir", dir], env);
    expect(first.stdout).toBe("suppressed a@cmd8.test\nsuppressed =HYPERLINK@cmd8.test\n");
    const again = await runCli(["suppress", "A@CMD8.TEST", "--dir", dir], env);
    expect(again.stdout).toBe("already suppressed A@cmd8.test (=cmd|' /C calc'!A0)\n");
    const bad = await runCli(["suppress", "a@cmd8.test", "kein-name", "--dir", dir], env);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('not an e-mail address: "kein-name"')]);

    const list = await runCli(["suppressions", dir], env);
    expect(list.stdout).toMatch(/^a@cmd8\.test\t=cmd\|' \/C calc'!A0\tkoepfe suppress\t\d{4}-/m);
    expect(list.stdout).toContain("2 suppressed addresses");

    const csvFile = path.join(mkdtempSync(path.join(tmpdir(), "koepfe-csv-")), "suppressions.csv");
    expect((await runCli(["suppressions", dir, "--csv", csvFile], env)).code).toBe(0);
    const csv = readFileSync(csvFile, "utf8");
    // German Excel's format, like the ranking export: BOM, ";" and CRLF
    expect(csv.startsWith("\uFEFFemail;reason;source;created_at\r\n")).toBe(true);
    expect(csv).toContain(`\r\n'=HYPERLINK@cmd8.test;'=cmd|' /C calc'!A0;koepfe suppress;`);

    const none = await runCli(["suppressions", sendEdition([])], env);
    expect(none.stdout).toBe("0 suppressed addresses (no ledger yet)\n");
  });
});
