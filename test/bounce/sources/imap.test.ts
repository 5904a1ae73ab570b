/** The IMAP source against a real Dovecot on 127.0.0.1 (STARTTLS with the test's self-signed CA). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KoepfeError } from "../../../src/lib/errors.js";
import { DONE_KEYWORD, imapSource, type ImapSourceOptions } from "../../../src/bounce/sources/imap.js";
import type { MessageSource, SourceMessage } from "../../../src/bounce/sources/types.js";
import { DOVECOT_PASSWORD, startDovecot, type TestDovecot } from "../../helpers/dovecot.js";
import { freePort } from "../../helpers/net.js";

let dovecot: TestDovecot;
beforeAll(async () => {
  // "Keywordless": a mailbox this client may read but not flag or expunge (like a shared or Exchange mailbox)
  dovecot = await startDovecot({ acl: "Keywordless owner lrs" });
});
afterAll(async () => {
  await dovecot?.stop();
});

const report = (n: number) =>
  `From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered Mail ${n}\r\nMessage-ID: <r${n}@mx.example>\r\n\r\nreport ${n}\r\n`;

function source(url: string, options: Partial<ImapSourceOptions> = {}): MessageSource {
  return imapSource(url, { doneFolder: null, caFile: dovecot.caFile, ...options });
}

/** Runs a source to its end, marking every message done; returns what it handed out. */
async function drain(src: MessageSource, signal = new AbortController().signal): Promise<SourceMessage[]> {
  const seen: SourceMessage[] = [];
  try {
    for await (const m of src.messages(signal)) {
      seen.push(m);
      await src.done(m);
    }
  } finally {
    await src.close();
  }
  return seen;
}

async function failure(src: MessageSource): Promise<KoepfeError> {
  try {
    await drain(src);
  } catch (e) {
    if (e instanceof KoepfeError) return e;
    throw e;
  }
  throw new Error("the source did not fail");
}

describe("imapSource", () => {
  it("hands out the three reports in UID order, flags each one done, and a second run finds nothing", async () => {
    const user = dovecot.newUser();
    for (const n of [1, 2, 3]) dovecot.deliver(user, report(n));
    const first = await drain(source(dovecot.url(user)));
    expect(first.map((m) => m.source)).toEqual(["imap:INBOX/1", "imap:INBOX/2", "imap:INBOX/3"]);
    expect(first.map((m) => m.raw.toString())).toEqual([report(1), report(2), report(3)]);
    expect(first.every((m) => !m.truncated)).toBe(true);
    const flags = dovecot.flags(user);
    expect([...flags.keys()]).toEqual([1, 2, 3]);
    for (const f of flags.values()) {
      expect(f).toContain(DONE_KEYWORD);
      expect(f).not.toContain("\\Seen"); // fetched with BODY.PEEK: a person reading the mailbox still sees them as new
    }
    expect(await drain(source(dovecot.url(user)))).toEqual([]);
  });

  it("hands out only what a later delivery added", async () => {
    const user = dovecot.newUser();
    dovecot.deliver(user, report(1));
    expect(await drain(source(dovecot.url(user)))).toHaveLength(1);
    dovecot.deliver(user, report(2));
    expect((await drain(source(dovecot.url(user)))).map((m) => m.raw.toString())).toEqual([report(2)]);
  });

  it("with a done folder moves the reports there, creating the folder, and leaves the INBOX empty", async () => {
    const user = dovecot.newUser();
    for (const n of [1, 2, 3]) dovecot.deliver(user, report(n));
    expect(dovecot.mailboxes(user)).toEqual(["INBOX"]);
    expect(await drain(source(dovecot.url(user), { doneFolder: "Bounces Done" }))).toHaveLength(3);
    expect(dovecot.mailboxes(user)).toEqual(["Bounces Done", "INBOX"]);
    expect(dovecot.flags(user).size).toBe(0);
    expect(dovecot.flags(user, "Bounces Done").size).toBe(3);
    // the folder exists now: a second run must not trip over CREATE
    dovecot.deliver(user, report(4));
    expect((await drain(source(dovecot.url(user), { doneFolder: "Bounces Done" }))).map((m) => m.raw.toString())).toEqual([report(4)]);
    expect(dovecot.flags(user, "Bounces Done").size).toBe(4);
  });

  it("reads the mailbox named in the URL path, percent-decoded", async () => {
    const user = dovecot.newUser();
    dovecot.deliver(user, report(1), "Bounce Reports");
    dovecot.deliver(user, report(2));
    const seen = await drain(source(dovecot.url(user, { mailbox: "Bounce Reports" })));
    expect(seen.map((m) => [m.source, m.raw.toString()])).toEqual([["imap:Bounce Reports/1", report(1)]]);
    expect(dovecot.flags(user).get(1)).not.toContain(DONE_KEYWORD);
  });

  it("reads a message over the cap only up to the cap and marks it truncated", async () => {
    const user = dovecot.newUser();
    const big = `Subject: big\r\n\r\n${"0123456789abcdef\r\n".repeat(60_000)}`; // ~1 MB
    dovecot.deliver(user, big);
    dovecot.deliver(user, report(2));
    const seen = await drain(source(dovecot.url(user), { maxBytes: 4096 }));
    expect(seen.map((m) => [m.raw.length, m.truncated])).toEqual([
      [4096, true],
      [report(2).length, false],
    ]);
    expect(seen[0]!.raw.toString()).toBe(big.slice(0, 4096));
    // the server sent a range, not the whole megabyte: Dovecot counts the bytes it wrote
    const out = Number((await dovecot.waitForLog(new RegExp(`imap\\(${user}\\).*Logged out in=\\d+ out=(\\d+)`)))[1]);
    expect(out).toBeGreaterThan(4096);
    expect(out).toBeLessThan(64 * 1024);
  });

  it("stops after the current message when the signal aborts, and logs out", async () => {
    const user = dovecot.newUser();
    for (const n of [1, 2, 3]) dovecot.deliver(user, report(n));
    const stop = new AbortController();
    const src = source(dovecot.url(user));
    const seen: string[] = [];
    for await (const m of src.messages(stop.signal)) {
      stop.abort(); // SIGTERM arrives while the first report is being recorded
      await src.done(m);
      seen.push(m.source);
    }
    await src.close();
    expect(seen).toEqual(["imap:INBOX/1"]);
    expect([...dovecot.flags(user).values()].map((f) => f.includes(DONE_KEYWORD))).toEqual([true, false, false]);
    await dovecot.waitForLog(new RegExp(`imap\\(${user}\\).*Disconnected: Logged out`)); // not "Connection closed": a clean LOGOUT
  });

  it("refuses a wrong password with E_IMAP_AUTH (exit 4) and never shows the password", async () => {
    const user = dovecot.newUser();
    const wrong = "Wr0ng-Secret-4711";
    const e = await failure(source(dovecot.url(user, { password: wrong })));
    expect({ code: e.code, exitCode: e.exitCode }).toEqual({ code: "E_IMAP_AUTH", exitCode: 4 });
    expect(e.message).toContain(user);
    expect(JSON.stringify(e, Object.getOwnPropertyNames(e)) + String(e.cause) + JSON.stringify(e.cause)).not.toContain(wrong);
    expect(e.message).not.toContain(DOVECOT_PASSWORD);
  });

  it("reports E_IMAP_UNREACHABLE (exit 4) when nothing listens on the port", async () => {
    const port = await freePort();
    const e = await failure(source(`imap://someone:${encodeURIComponent(DOVECOT_PASSWORD)}@127.0.0.1:${port}/INBOX`));
    expect({ code: e.code, exitCode: e.exitCode }).toEqual({ code: "E_IMAP_UNREACHABLE", exitCode: 4 });
    expect(e.message).toContain(`127.0.0.1:${port}`);
    expect(e.message).not.toContain(DOVECOT_PASSWORD);
  });

  it("reports E_IMAP_MAILBOX (exit 1) for a mailbox that does not exist", async () => {
    const user = dovecot.newUser();
    const e = await failure(source(dovecot.url(user, { mailbox: "Nowhere" })));
    expect({ code: e.code, exitCode: e.exitCode }).toEqual({ code: "E_IMAP_MAILBOX", exitCode: 1 });
    expect(e.message).toContain('"Nowhere"');
  });

  it("refuses a mailbox that cannot keep the done keyword (E_IMAP_KEYWORD) before handing anything out", async () => {
    const user = dovecot.newUser();
    dovecot.deliver(user, report(1), "Keywordless");
    const seen: SourceMessage[] = [];
    const src = source(dovecot.url(user, { mailbox: "Keywordless" }));
    const e = await (async () => {
      try {
        for await (const m of src.messages(new AbortController().signal)) seen.push(m);
      } catch (err) {
        return err as { code: string; exitCode: number; message: string };
      } finally {
        await src.close();
      }
      throw new Error("the source did not fail");
    })();
    expect({ code: e.code, exitCode: e.exitCode, seen: seen.length }).toEqual({ code: "E_IMAP_KEYWORD", exitCode: 1, seen: 0 });
    expect(e.message).toContain("done folder");
  });

  it("fails done() when the server refuses the move, naming the server's reason, instead of leaving the report to be read again silently", async () => {
    const user = dovecot.newUser();
    dovecot.deliver(user, report(1), "Keywordless");
    const src = source(dovecot.url(user, { mailbox: "Keywordless" }), { doneFolder: "Done" });
    const e = await failure(src);
    expect({ code: e.code, exitCode: e.exitCode }).toEqual({ code: "E_IMAP_COMMAND", exitCode: 4 });
    expect(e.message).toMatch(/MOVE.*"Done".*(permission|NOPERM)/i);
    expect(dovecot.flags(user, "Keywordless").size).toBe(1);
  });
});
