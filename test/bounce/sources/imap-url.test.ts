import { describe, expect, it } from "vitest";
import { parseImapUrl, withoutPassword } from "../../../src/bounce/sources/imap-url.js";
import { imapError } from "../../../src/bounce/sources/imap-errors.js";

describe("parseImapUrl", () => {
  it("reads imaps:// with the default port and INBOX", () => {
    expect(parseImapUrl("imaps://bounces%40example.org:p%C3%A4ss%2Fw@imap.example.org")).toEqual({
      host: "imap.example.org",
      port: 993,
      secure: true,
      requireStartTls: false,
      user: "bounces@example.org",
      password: "päss/w",
      mailbox: "INBOX",
    });
  });

  it("requires STARTTLS for imap:// and percent-decodes the mailbox", () => {
    expect(parseImapUrl("imap://u:p@mail.example.org:1143/Bounce%20Reports")).toMatchObject({
      port: 1143,
      secure: false,
      requireStartTls: true,
      mailbox: "Bounce Reports",
    });
  });

  it.each(["127.0.0.1", "127.1.2.3", "localhost", "[::1]"])("allows ?tls=insecure for the loopback host %s", (host) => {
    expect(parseImapUrl(`imap://u:p@${host}:1143/?tls=insecure`)).toMatchObject({ requireStartTls: false, mailbox: "INBOX" });
  });

  it.each([
    ["not a url", "not a URL"],
    ["pop3://u:p@host/", "scheme must be imap or imaps"],
    ["imap://host/INBOX", "the user is missing"],
    ["imap://u@host/INBOX", "the password is missing (put it into $KOEPFE_IMAP_PASSWORD"],
    ["imap://u:p@mail.example.org/?tls=insecure", "only allowed for 127.0.0.1"],
    ["imaps://u:p@127.0.0.1/?tls=insecure", "makes no sense with imaps"],
    ["imap://u:p@127.0.0.1/?tls=none", 'unknown option "tls"'],
    ["imap://u:p@host/%E0%A4%A", "broken %-escape"],
  ])("refuses %s (E_IMAP_URL, exit 2)", (url, why) => {
    expect(() => parseImapUrl(url)).toThrow(
      expect.objectContaining({ code: "E_IMAP_URL", exitCode: 2, message: expect.stringContaining(why) }),
    );
  });

  it("takes the password from the environment when the URL has none (the process list shows the command line)", () => {
    expect(parseImapUrl("imaps://bounces@imap.example.org/INBOX", "p%ss w:rd")).toMatchObject({ user: "bounces", password: "p%ss w:rd" });
    expect(parseImapUrl("imaps://bounces:in-url@imap.example.org/INBOX", "from-env")).toMatchObject({ password: "in-url" });
  });

  it("never repeats the URL, which may hold the password, in its errors", () => {
    expect(() => parseImapUrl("imap://u:Geheim-123@mail.example.org/?tls=insecure")).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("Geheim-123") }),
    );
  });
});

describe("withoutPassword and imapError", () => {
  it("removes the password, plain and %-encoded, from server replies and library messages", () => {
    expect(withoutPassword("LOGIN u p@ss/1 failed, p%40ss%2F1", "p@ss/1")).toBe("LOGIN u *** failed, ***");
  });

  it("keeps the password out of message and cause, whatever the library put into its error", () => {
    const settings = parseImapUrl("imaps://u:s3cr3t-pw@mail.example.org/INBOX");
    const e = imapError({ message: "LOGIN u s3cr3t-pw", responseText: "NO s3cr3t-pw rejected", authenticationFailed: true }, settings);
    expect(e.code).toBe("E_IMAP_AUTH");
    expect(`${e.message} ${String(e.cause)}`).not.toContain("s3cr3t-pw");
    expect(e.message).toContain("***");
  });

  it.each([
    [{ message: "connect ECONNREFUSED", code: "ECONNREFUSED" }, "E_IMAP_UNREACHABLE", 4],
    [{ message: "Failed to establish connection in required time", code: "CONNECT_TIMEOUT" }, "E_IMAP_UNREACHABLE", 4],
    [{ message: "unable to verify the first certificate", code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }, "E_IMAP_UNREACHABLE", 4],
    [{ message: "Command failed", serverResponseCode: "AUTHENTICATIONFAILED" }, "E_IMAP_AUTH", 4],
    [{ message: "Command failed", serverResponseCode: "NONEXISTENT" }, "E_IMAP_MAILBOX", 1],
    [{ message: "Command failed", command: "UID STORE", responseText: "Permission denied" }, "E_IMAP_COMMAND", 4],
  ])("classifies %j as %s (exit %i)", (error, code, exitCode) => {
    expect(imapError(error, parseImapUrl("imaps://u:p@mail.example.org/INBOX"))).toMatchObject({ code, exitCode });
  });
});
