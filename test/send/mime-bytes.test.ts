import { describe, it, expect } from "vitest";
import { createRequire } from "node:module";
import { simpleParser } from "mailparser";
import { mimeBytes } from "../../src/send/compose/mime-bytes.js";
import { buildMail, messageIdFor, type ComposeInput } from "../../src/send/message.js";
import { SENDER, SETTINGS, simpleSource } from "../helpers/send.js";

const require = createRequire(import.meta.url);
const MailComposer = require("nodemailer/lib/mail-composer") as new (mail: object) => { compile(): { build(): Promise<Buffer> } };
const write = mimeBytes();
const date = new Date(Date.UTC(2024, 11, 2, 6, 0, 0));
const to = (email: string, firstName: string | null) => ({ email, firstName, messageId: messageIdFor(SETTINGS, "example.org", email) });

/** Both ways with the same boundary: nodemailer's own stream build, and mimeBytes over the same tree. */
async function both(input: ComposeInput): Promise<{ nodemailer: Buffer; fast: Buffer | null }> {
  const mail = { ...input, baseBoundary: "fixed-for-the-test" };
  return { nodemailer: await new MailComposer(mail).compile().build(), fast: write(new MailComposer(mail).compile()) };
}

/** A newsletter-like mail: long HTML lines and non-ASCII text, so both parts are base64. */
function bigMail(firstName: string | null, extra = ""): ComposeInput {
  const cards = Array.from({ length: 400 }, (_, i) => `<td class="card">Platz ${i}: Jürgen „Köpfe“ – ${"x".repeat(i % 97)}</td>`).join("");
  const hello = firstName ? `Hallo ${firstName},` : "Guten Tag,";
  const url = "https://koepfe.example.org/u/tok-" + "a".repeat(40);
  return buildMail(
    SETTINGS,
    SENDER,
    to("anna@example.net", firstName),
    {
      html: `<p>${hello}</p>${cards}<a href="${url}">Abmelden</a>${extra}`,
      text: `${hello}\n\nPlätze 100 bis 91.\n${extra}\nAbmelden: ${url}\n`,
      unsubscribeUrl: url,
    },
    date,
  );
}

describe("mimeBytes", () => {
  it("writes exactly the bytes nodemailer builds for a newsletter with base64 parts", async () => {
    for (const input of [bigMail("Anna"), bigMail(null), bigMail("Zoë", "ä".repeat(57 * 3 + 1)), bigMail("X", "y".repeat(1))]) {
      const { nodemailer, fast } = await both(input);
      expect(nodemailer.toString()).toMatch(/Content-Transfer-Encoding: base64/);
      expect(fast?.toString("latin1")).toBe(nodemailer.toString("latin1"));
    }
  });

  it("writes exactly nodemailer's bytes for short ASCII parts too (sent as 7bit)", async () => {
    const input = simpleSource().message(to("bernd@example.net", "Bernd"), date);
    input.text = "Hello,\n\nplain text.\n";
    input.html = "<p>Hello</p>";
    const { nodemailer, fast } = await both(input);
    expect(nodemailer.toString()).toMatch(/Content-Transfer-Encoding: 7bit/);
    expect(fast?.toString("latin1")).toBe(nodemailer.toString("latin1"));
  });

  it("keeps hostile names and subjects inert, as nodemailer does", async () => {
    const input = bigMail("Eve\r\nBcc: victim@example.com\r\n\r\n<script>");
    input.subject = "Plätze\r\nBcc: victim@example.com";
    input.from.name = "Redaktion\nX-Evil: 1";
    const { nodemailer, fast } = await both(input);
    expect(fast?.toString("latin1")).toBe(nodemailer.toString("latin1"));
    const mail = await simpleParser(fast ?? Buffer.alloc(0));
    expect(mail.headers.has("bcc")).toBe(false);
    expect(mail.headers.has("x-evil")).toBe(false);
    expect(mail.text).toContain("Hallo Eve\nBcc: victim@example.com\n\n<script>,");
  });

  it("leaves quoted-printable parts to nodemailer (returns null)", () => {
    const input = { ...bigMail("Anna"), textEncoding: "quoted-printable" };
    expect(write(new MailComposer(input).compile())).toBeNull();
  });
});
