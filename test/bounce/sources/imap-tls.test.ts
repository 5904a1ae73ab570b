/** TLS on both IMAP ports of a real Dovecot with a self-signed certificate: trusted only when the test says so. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imapSource, type ImapSourceOptions } from "../../../src/bounce/sources/imap.js";
import type { SourceMessage } from "../../../src/bounce/sources/types.js";
import { startDovecot, type TestDovecot } from "../../helpers/dovecot.js";

let dovecot: TestDovecot;
beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await dovecot?.stop();
});

const REPORT = "From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered\r\n\r\nreport\r\n";

async function read(
  url: string,
  options: Partial<ImapSourceOptions>,
): Promise<SourceMessage[] | { code: string; exitCode: number; message: string }> {
  const src = imapSource(url, { doneFolder: null, ...options });
  const seen: SourceMessage[] = [];
  try {
    for await (const m of src.messages(new AbortController().signal)) seen.push(m);
    return seen;
  } catch (e) {
    return e as { code: string; exitCode: number; message: string };
  } finally {
    await src.close();
  }
}

describe("imapSource over TLS", () => {
  it("reads over imaps:// when the test's CA file is trusted", async () => {
    const user = dovecot.newUser();
    dovecot.deliver(user, REPORT);
    const seen = await read(dovecot.url(user, { scheme: "imaps" }), { caFile: dovecot.caFile });
    expect(Array.isArray(seen) && seen.map((m) => m.raw.toString())).toEqual([REPORT]);
    await dovecot.waitForLog(new RegExp(`Login: user=<${user}>.*, TLS,`));
  });

  it("upgrades imap:// with STARTTLS before logging in", async () => {
    const user = dovecot.newUser();
    dovecot.deliver(user, REPORT);
    const seen = await read(dovecot.url(user), { caFile: dovecot.caFile });
    expect(Array.isArray(seen) && seen.length).toBe(1);
    await dovecot.waitForLog(new RegExp(`Login: user=<${user}>.*, TLS,`));
  });

  it.each(["imaps", "imap"] as const)(
    "refuses the self-signed certificate over %s:// without the CA file (E_IMAP_UNREACHABLE, exit 4)",
    async (scheme) => {
      const user = dovecot.newUser();
      dovecot.deliver(user, REPORT);
      const e = await read(dovecot.url(user, { scheme }), {});
      expect(e).toMatchObject({ code: "E_IMAP_UNREACHABLE", exitCode: 4 });
      expect((e as { message: string }).message).toMatch(/certificate/i);
      expect((e as { message: string }).message).toContain("KOEPFE_IMAP_CA_FILE");
      expect(dovecot.log()).not.toMatch(new RegExp(`Login: user=<${user}>`));
    },
  );

  it("names an unreadable CA file as a usage mistake (E_IMAP_CA, exit 2)", async () => {
    const e = await read(dovecot.url(dovecot.newUser(), { scheme: "imaps" }), { caFile: "/nonexistent/ca.pem" });
    expect(e).toMatchObject({ code: "E_IMAP_CA", exitCode: 2 });
    expect((e as { message: string }).message).toContain("/nonexistent/ca.pem");
  });
});
