/**
 * Cleartext IMAP: only with the explicit ?tls=insecure on a loopback address, and never by falling
 * back when a server does not offer STARTTLS.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imapSource } from "../../../src/bounce/sources/imap.js";
import type { SourceMessage } from "../../../src/bounce/sources/types.js";
import { DOVECOT_PASSWORD, startDovecot, type TestDovecot } from "../../helpers/dovecot.js";
import { startFakeImap } from "../../helpers/fake-imap.js";

let dovecot: TestDovecot;
beforeAll(async () => {
  dovecot = await startDovecot({ plaintextAuth: true });
});
afterAll(async () => {
  await dovecot?.stop();
});

describe("imapSource without TLS", () => {
  it("logs in over plain imap:// with ?tls=insecure on 127.0.0.1", async () => {
    const user = dovecot.newUser();
    dovecot.deliver(user, "Subject: plain\r\n\r\nreport\r\n");
    const src = imapSource(dovecot.url(user, { query: "tls=insecure" }), { doneFolder: null });
    const seen: SourceMessage[] = [];
    for await (const m of src.messages(new AbortController().signal)) seen.push(m);
    await src.close();
    expect(seen.map((m) => m.raw.toString())).toEqual(["Subject: plain\r\n\r\nreport\r\n"]);
    const [login] = await dovecot.waitForLog(new RegExp(`Login: user=<${user}>.*`));
    expect(login).not.toContain("TLS");
  });

  it("never sends the password to a server that does not offer STARTTLS (E_IMAP_UNREACHABLE)", async () => {
    const fake = await startFakeImap("IMAP4rev1 AUTH=PLAIN");
    try {
      const src = imapSource(`imap://bounces:${encodeURIComponent(DOVECOT_PASSWORD)}@127.0.0.1:${fake.port}/INBOX`, { doneFolder: null });
      const e = await (async () => {
        try {
          for await (const _ of src.messages(new AbortController().signal)) throw new Error("a message from the fake server");
        } catch (err) {
          return err as { code: string; exitCode: number; message: string };
        } finally {
          await src.close();
        }
        throw new Error("the source did not fail");
      })();
      expect({ code: e.code, exitCode: e.exitCode }).toEqual({ code: "E_IMAP_UNREACHABLE", exitCode: 4 });
      expect(e.message).toMatch(/STARTTLS/);
      expect(fake.lines.join("\n")).not.toMatch(/LOGIN|AUTHENTICATE/i);
    } finally {
      await fake.close();
    }
  });
});
