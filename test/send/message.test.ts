import { describe, it, expect, afterAll } from "vitest";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { dkimVerify } from "mailauth";
import { DeliveryThreads } from "../../src/send/mailer/threads.js";
import { dkimSettings } from "../../src/send/mailer/dkim.js";
import { messageIdFor, parseFrom } from "../../src/send/mailer/message.js";
import type { MessageSource, MessageTo } from "../../src/send/source.js";
import { NEWSLETTER, SECRET, SENDER, SETTINGS, simpleSource } from "../helpers/send.js";
import { testDkim } from "../helpers/dkim.js";
import { unsubscribeToken } from "../../src/lib/token.js";

const { keyFile, resolver, dkim } = testDkim();
const keyDir = path.dirname(keyFile);
// the stream transport of the delivery threads returns the exact bytes an SMTP send would transmit
const threads = new DeliveryThreads({ transport: { kind: "stream" }, dkim, threads: 1 });
afterAll(() => threads.close());
const composer = {
  async compose(source: MessageSource, to: MessageTo, date: Date): Promise<Buffer> {
    const message = {
      envelope: { from: "koepfe@example.org", to: to.email },
      messageId: to.messageId,
      template: source.template,
      fill: source.fill(to, date.getTime()),
    };
    const delivered = await threads.deliver(message, async () => true);
    return delivered?.bytes ?? Buffer.alloc(0);
  },
};

const to = { email: "anna@example.net", firstName: "Anna", messageId: messageIdFor(SETTINGS, "example.org", "anna@example.net") };
const date = new Date(Date.UTC(2024, 11, 2, 6, 0, 0));

function header(raw: Buffer, name: string): string[] {
  const head = raw.toString("utf8").split("\r\n\r\n")[0] ?? "";
  return head
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")
    .filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    .map((l) => l.slice(name.length + 1).trim());
}

describe("a newsletter message", () => {
  it("carries From, Reply-To, Subject, Message-ID, Date, the List-* headers and UTF-8 text and HTML", async () => {
    const raw = await composer.compose(simpleSource(), to, date);
    const mail = await simpleParser(raw);
    expect(mail.from?.value).toEqual([{ address: "koepfe@example.org", name: "100 Köpfe" }]);
    expect(mail.replyTo?.value[0]?.address).toBe("redaktion@example.org");
    expect(mail.subject).toBe("100 Köpfe 2024: Plätze 100 bis 91");
    expect(mail.messageId).toBe(to.messageId);
    expect(mail.date?.toISOString()).toBe("2024-12-02T06:00:00.000Z");
    expect(mail.text).toContain("Hallo Anna,");
    expect(mail.text).toContain("Plätze 100 bis 91.");
    expect(mail.html).toContain("<p>Hallo Anna,</p>");
    const url = `https://koepfe.example.org/u/${unsubscribeToken(SECRET, SETTINGS.listId, to.email)}`;
    expect(header(raw, "List-Unsubscribe")).toEqual([`<${url}>, <mailto:unsubscribe@example.org?subject=unsubscribe>`]);
    expect(header(raw, "List-Unsubscribe-Post")).toEqual(["List-Unsubscribe=One-Click"]);
    expect(header(raw, "List-ID")).toEqual(["=?UTF-8?Q?100_K=C3=B6pfe_2024?= <koepfe-2024.example.org>"]);
    expect(raw.toString()).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(raw.toString()).toMatch(/Content-Type: text\/html; charset=utf-8/);
  });

  it("is DKIM-signed so that it verifies, with List-Unsubscribe and List-Unsubscribe-Post signed", async () => {
    const raw = await composer.compose(simpleSource(), to, date);
    const result = await dkimVerify(raw, { resolver });
    expect(result.results.map((r) => [r.signingDomain, r.status.result])).toEqual([["example.org", "pass"]]);
    const signature = header(raw, "DKIM-Signature")[0] ?? "";
    const signed = (/\bh=([^;]+)/.exec(signature)?.[1] ?? "").replace(/\s/g, "").toLowerCase().split(":");
    expect(signed).toEqual(
      expect.arrayContaining(["from", "subject", "message-id", "date", "list-unsubscribe", "list-unsubscribe-post", "list-id"]),
    );
  });

  it("keeps header injection out: a line break in the subject or sender name becomes a space", async () => {
    const evil = { ...SETTINGS, subject: "Plätze 10 bis 1\r\nBcc: victim@example.com" };
    const source = simpleSource(evil);
    const template = { ...source.template, from: { ...source.template.from, name: "Redaktion\nBcc: x@example.com" } };
    const raw = await composer.compose({ ...source, template }, to, date);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe("Plätze 10 bis 1 Bcc: victim@example.com");
    expect(header(raw, "Bcc")).toEqual([]);
    expect(mail.headers.has("bcc")).toBe(false);
  });
});

describe("Message-ID", () => {
  it("is deterministic per list, issue and recipient, in the sender's domain", () => {
    const id = messageIdFor(SETTINGS, "example.org", "anna@example.net");
    expect(id).toMatch(/^<koepfe-2024\.1\.[0-9a-f]{16}@example\.org>$/);
    expect(messageIdFor(SETTINGS, "example.org", "anna@example.net")).toBe(id);
    expect(messageIdFor(SETTINGS, "example.org", "bernd@example.net")).not.toBe(id);
    expect(messageIdFor({ ...SETTINGS, issue: 2 }, "example.org", "anna@example.net")).not.toBe(id);
  });

  it("takes the domain from newsletter.from and refuses a From that is not one address", () => {
    expect(parseFrom("100 Köpfe <Koepfe@Example.ORG>")).toEqual({
      name: "100 Köpfe",
      address: "Koepfe@Example.ORG",
      domain: "example.org",
    });
    expect(() => parseFrom("100 Köpfe")).toThrow(expect.objectContaining({ code: "E_NEWSLETTER_FROM" }));
    // the sender the send tests use is what the product parses from their newsletter.from
    expect(parseFrom(NEWSLETTER.from)).toEqual(SENDER);
  });
});

describe("DKIM settings", () => {
  it("signs only when both the key file and newsletter.dkim are set; half a configuration is a warning", () => {
    expect(dkimSettings({}, undefined)).toEqual({ dkim: null, warning: null });
    expect(dkimSettings({}, { domain: "example.org", selector: "k" }).warning).toMatch(/KOEPFE_DKIM_KEY_FILE is not/);
    expect(dkimSettings({ KOEPFE_DKIM_KEY_FILE: keyFile }, undefined).warning).toMatch(/newsletter.dkim/);
  });

  it("stops with E_DKIM_KEY when the key cannot be read", () => {
    const bad = path.join(keyDir, "not-a-key.pem");
    writeFileSync(bad, "hello");
    expect(() => dkimSettings({ KOEPFE_DKIM_KEY_FILE: bad }, { domain: "example.org", selector: "k" })).toThrow(
      expect.objectContaining({ code: "E_DKIM_KEY" }),
    );
    expect(() =>
      dkimSettings({ KOEPFE_DKIM_KEY_FILE: path.join(keyDir, "missing.pem") }, { domain: "example.org", selector: "k" }),
    ).toThrow(expect.objectContaining({ code: "E_DKIM_KEY" }));
  });
});
