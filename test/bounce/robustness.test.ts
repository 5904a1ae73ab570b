/** Hostile and broken input: not a mail, random bytes, cut-off DSNs, a 50 MB returned original. */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readReport } from "../../src/bounce/read-report.js";
import { FIXTURES, readFixture } from "./corpus.js";

describe("readReport on input that is not a mail", () => {
  for (const [name, input] of [
    ["an empty input", Buffer.alloc(0)],
    ["a JSON file", Buffer.from('{"recipient": "a@example.com", "status": "5.1.1"}\n')],
    ["a PNG header", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ["a text without a head", Buffer.from("Hallo,\n\ndas ist keine Mail.\n")],
  ] as const) {
    it(`refuses ${name} with not-a-mail`, async () => {
      const result = await readReport(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.code).toBe("not-a-mail");
        expect(result.message).toMatch(/mail/);
      }
    });
  }

  it("never throws on random bytes, and a result is always ok or not-a-mail", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        const result = await readReport(bytes);
        expect(result.ok || result.code === "not-a-mail").toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on random text after a real head", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 2000 }), async (body) => {
        const result = await readReport(Buffer.from(`From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n\n${body}`));
        expect(result.ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("readReport on cut-off reports", () => {
  for (const file of ["postfix-message-too-big.eml", "gmail-address-not-found.eml", "exchange-de-recipient-not-found.eml"]) {
    it(`reads ${file} cut at every 1 KB boundary without throwing`, async () => {
      const raw = readFileSync(path.join(FIXTURES, file));
      const full = await readFixture(file);
      for (let end = 1024; end < raw.length; end += 1024) {
        const result = await readReport(raw.subarray(0, end));
        expect(result.ok, `cut at ${end}`).toBe(true);
        if (!result.ok) continue;
        // whatever is read, nobody but the real recipient is ever named
        for (const r of result.report.recipients) expect(full.recipients.map((f) => f.email)).toContain(r.email);
      }
    });
  }

  it("still names the recipient when the cut falls inside the returned original", async () => {
    const raw = readFileSync(path.join(FIXTURES, "postfix-message-too-big.eml"));
    const cut = raw.indexOf("Content-Description: Undelivered Message") + 200;
    const result = await readReport(raw.subarray(0, cut));
    expect(result.ok && result.report.recipients.map((r) => [r.email, r.class])).toEqual([["lena@example.net", "policy"]]);
  });
});

describe("readReport on a 50 MB bounce", () => {
  it("reads the report parts and leaves the original cut", async () => {
    const dsn = readFileSync(path.join(FIXTURES, "postfix-two-recipients.eml"), "latin1");
    const boundary = "--D29DD22649E.1796110938/mx.koepfe.test--";
    const attachment = `${"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=".repeat(2)}\n`;
    const big = `\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n${attachment.repeat(Math.ceil((50 * 1024 * 1024) / attachment.length))}`;
    // the 50 MB go into the returned original, after its head: as a bounced newsletter with a huge attachment
    const raw = Buffer.from(dsn.replace(boundary, `${big}\n${boundary}`), "latin1");
    expect(raw.length).toBeGreaterThan(50 * 1024 * 1024);
    const result = await readReport(raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.truncated).toBe(true);
    expect(result.report.recipients.map((r) => [r.email, r.class])).toEqual([
      ["erika.musterfrau@example.com", "hard"],
      ["voll@example.org", "soft"],
    ]);
    expect(result.report.originalMessageId).toBe("<issue-3.19.3-j-nemsflgodl@koepfe.test>");
  });

  it("honours a smaller maxBytes", async () => {
    const raw = readFileSync(path.join(FIXTURES, "postfix-message-too-big.eml"));
    const result = await readReport(raw, { maxBytes: 4096 });
    expect(result.ok && result.report.truncated).toBe(true);
    expect(result.ok && result.report.recipients.map((r) => r.email)).toEqual(["lena@example.net"]);
  });
});

describe("report ids and hostile fields", () => {
  it("uses the report's own Message-ID, else a SHA-256 of the bytes", async () => {
    expect((await readFixture("postfix-user-unknown.eml")).reportId).toBe("<20261201074218.D142022649C@mx.koepfe.test>");
    const raw = Buffer.from("From: MAILER-DAEMON@example.net\nSubject: failure notice\n\n<a@example.com>:\n550 5.1.1 user unknown\n");
    const a = await readReport(raw);
    const b = await readReport(Buffer.from(raw));
    expect(a.ok && a.report.reportId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.ok && b.ok && a.report.reportId === b.report.reportId).toBe(true);
  });

  it("makes control characters in the reporting MTA and the diagnostic printable", async () => {
    const report = await readFixture("hostile-control-characters.eml");
    expect(report.reportingMta).toBe("mx.example.net?[2J?]0;pwned?");
    const diagnostic = report.recipients[0]?.diagnostic ?? "";
    expect(diagnostic).toContain("550 5.1.1 user unknown?Bcc: victim@example.org");
    expect(diagnostic).not.toMatch(/[\r\n\u001b\u202e]/);
  });

  it("cuts an enormous Diagnostic-Code to 1,000 characters but still reads its reason", async () => {
    const [r] = (await readFixture("hostile-huge-diagnostic.eml")).recipients;
    expect(r?.diagnostic.length).toBe(1000);
    expect(r?.diagnostic.startsWith("550 5.2.2 mailbox full AAAA")).toBe(true);
  });
});
