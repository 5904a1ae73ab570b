/**
 * `koepfe bounces --imap` through the real binary against a real Dovecot on 127.0.0.1 (STARTTLS,
 * the test's own CA), the password in $KOEPFE_IMAP_PASSWORD: reports are recorded and acted on,
 * marked done on the server (keyword or done folder) so the next run reads nothing, and a server
 * that is down or refuses the login stops the run (exit 4) with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin, jsonLines } from "../helpers/cli.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { DOVECOT_PASSWORD, startDovecot, type TestDovecot } from "../helpers/dovecot.js";
import { freePort } from "../helpers/net.js";
import { postfixDsn, sentIssue } from "../helpers/bounces.js";

let smtp: TestSmtp;
let dovecot: TestDovecot;
beforeAll(async () => {
  smtp = await startSmtp();
  dovecot = await startDovecot();
}, 60_000);
afterAll(async () => {
  await smtp?.close();
  await dovecot?.stop();
});

const lines = jsonLines;

describe("koepfe bounces --imap", () => {
  it("records the mailbox's reports, marks them $KoepfeDone, and the next run (the timer's) reads nothing", async () => {
    const s = await sentIssue(smtp, 2, "imap-flag.test");
    const user = dovecot.newUser();
    for (const m of s.mails)
      dovecot.deliver(user, postfixDsn({ to: m.from, recipient: m.to, status: "5.1.1", diagnostic: "550 5.1.1 User unknown" }));
    // the password from the environment: a URL on the command line is in every user's process list
    const url = `imap://${encodeURIComponent(user)}@127.0.0.1:${dovecot.imapPort}/INBOX`;
    const env = { ...s.env, KOEPFE_IMAP_PASSWORD: DOVECOT_PASSWORD, KOEPFE_IMAP_CA_FILE: dovecot.caFile };
    const first = runBin(["bounces", s.dir, "--imap", url], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(
      lines(first.stdout)
        .filter((l) => l["event"] === "report")
        .map((l) => l["source"]),
    ).toEqual(["imap:INBOX/1", "imap:INBOX/2"]);
    expect(lines(first.stdout).at(-1)).toMatchObject({ event: "summary", messages: 2, recorded: 2, suppressed: 2 });
    expect([...dovecot.flags(user).values()]).toEqual([expect.arrayContaining(["$KoepfeDone"]), expect.arrayContaining(["$KoepfeDone"])]);
    const second = runBin(["bounces", s.dir, "--imap", url], { env });
    expect(lines(second.stdout).at(-1)).toMatchObject({ event: "summary", messages: 0 });
  }, 90_000);

  it("--imap-done moves what it processed into that folder", async () => {
    const s = await sentIssue(smtp, 1, "imap-move.test");
    const user = dovecot.newUser();
    const m = s.mails[0];
    if (!m) throw new Error("no mail");
    dovecot.deliver(
      user,
      postfixDsn({ to: m.from, recipient: m.to, status: "5.2.2", action: "delayed", diagnostic: "452 4.2.2 Mailbox full" }),
    );
    const url = dovecot.url(user);
    const r = runBin(["bounces", s.dir, "--imap", url, "--imap-done", "Verarbeitet"], {
      env: { ...s.env, KOEPFE_IMAP_CA_FILE: dovecot.caFile },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(dovecot.flags(user).size).toBe(0);
    expect(dovecot.flags(user, "Verarbeitet").size).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(DOVECOT_PASSWORD);
  }, 90_000);

  it("a refused login and a server that is down stop the run with exit 4, naming no password, marking nothing", async () => {
    const s = await sentIssue(smtp, 1, "imap-down.test");
    const user = dovecot.newUser();
    const m = s.mails[0];
    if (!m) throw new Error("no mail");
    dovecot.deliver(user, postfixDsn({ to: m.from, recipient: m.to, status: "5.1.1", diagnostic: "550 5.1.1 User unknown" }));
    const env = { ...s.env, KOEPFE_IMAP_CA_FILE: dovecot.caFile };
    const wrong = runBin(["bounces", s.dir, "--imap", dovecot.url(user, { password: "falsches-passwort" })], { env });
    expect([wrong.code, wrong.stderr]).toEqual([4, expect.stringContaining("error[E_IMAP_AUTH]")]);
    expect(wrong.stderr).not.toContain("falsches-passwort");
    const port = await freePort();
    const down = runBin(["bounces", s.dir, "--imap", `imaps://u@127.0.0.1:${port}/INBOX`], {
      env: { ...env, KOEPFE_IMAP_PASSWORD: "geheim-und-lang" },
    });
    expect([down.code, down.stderr]).toEqual([4, expect.stringContaining("error[E_IMAP_UNREACHABLE]")]);
    expect([...dovecot.flags(user).values()].flat()).not.toContain("$KoepfeDone");
    expect(runBin(["suppressions", s.dir], { env }).stdout).not.toContain("imap-down.test");
  }, 90_000);
});
