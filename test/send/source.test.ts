import { describe, it, expect, afterAll } from "vitest";
import { simpleParser } from "mailparser";
import { dkimVerify } from "mailauth";
import { DeliveryThreads } from "../../src/send/mailer/threads.js";
import { newsletterSource } from "../../src/send/source.js";
import { messageIdFor } from "../../src/send/mailer/message.js";
import { fill } from "../../src/render/newsletter/placeholders.js";
import { personalize } from "../../src/render/newsletter/personalize.js";
import { fillPlan, placeholdersFor } from "../../src/render/newsletter/placeholders.js";
import type { CompiledIssue } from "../../src/render/newsletter/model.js";
import { SECRET, SENDER, SETTINGS } from "../helpers/send.js";
import { testDkim } from "../helpers/dkim.js";

const { resolver, dkim } = testDkim();
const threads = new DeliveryThreads({ transport: { kind: "stream" }, dkim, threads: 2 });
afterAll(() => threads.close());

/** A compiled issue made by hand: long HTML lines (base64), the slots at the top and the bottom. */
function issue(): CompiledIssue {
  const ph = placeholdersFor("0123456789abcdef0123");
  const cards = Array.from({ length: 300 }, (_, i) => `<td>Platz ${i}: Jürgen „Köpfe“ – Verlag &amp; Co.</td>`).join("");
  const html = `<p>${ph.salutation}</p><a href="${ph.webUrl}">Web</a>${cards}<a href="${ph.unsubscribeUrl}">Abmelden</a>`;
  const text = `${ph.salutation}\n\nPlätze 100 bis 91.\n\nIm Web: ${ph.webUrl}\nAbmelden: ${ph.unsubscribeUrl}\n`;
  return {
    number: 1,
    subject: SETTINGS.subject,
    preheader: "",
    sendAt: "",
    entryIds: ["a"],
    html,
    text,
    webUrl: "https://koepfe.example.org/2024/1?a=1&b=2",
    placeholders: ph,
    fill: { html: fillPlan(html, ph), text: fillPlan(text, ph) },
    field: "newsletter.issues[0]",
    contentHash: "test",
  };
}
const ctx = { secret: SECRET, listId: SETTINGS.listId, unsubscribeBaseUrl: "https://koepfe.example.org/u/" };
const date = new Date(Date.UTC(2024, 11, 2, 6, 0, 0));
const to = (email: string, firstName: string | null) => ({ email, firstName, messageId: messageIdFor(SETTINGS, "example.org", email) });
const HOSTILE = [
  "Anna",
  null,
  'Eve <script>alert(1)</script> & "Co"',
  "Mallory\r\nBcc: victim@example.com",
  "Zoë 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "%%KOEPFE_0123456789abcdef0123_SALUTATION%%",
];

async function deliver(source: ReturnType<typeof newsletterSource>, recipient: ReturnType<typeof to>): Promise<Buffer> {
  const message = {
    envelope: { from: SENDER.address, to: recipient.email },
    messageId: recipient.messageId,
    template: source.template,
    fill: source.fill(recipient, date.getTime()),
  };
  const d = await threads.deliver(message, async () => true);
  return d?.bytes ?? Buffer.alloc(0);
}

describe("the newsletter source", () => {
  it("fills the same HTML and text as personalize, for hostile first names too", () => {
    const compiled = issue();
    const source = newsletterSource(compiled, SETTINGS, SENDER, ctx);
    for (const name of HOSTILE) {
      const filled = source.fill(to("anna@example.net", name), date.getTime());
      const expected = personalize(compiled, { email: "anna@example.net", first_name: name ?? undefined }, ctx);
      expect(fill(source.template.html, filled.html)).toBe(expected.html);
      expect(fill(source.template.text, filled.text)).toBe(expected.text);
      expect(filled.unsubscribeUrl).toBe(expected.unsubscribeUrl);
    }
  });

  it("arrives as personalize's HTML and text, DKIM-signed, without injected headers", async () => {
    const compiled = issue();
    const source = newsletterSource(compiled, SETTINGS, SENDER, ctx);
    // several messages through two threads: each thread gets the template once, then values only
    const raws = await Promise.all(HOSTILE.map((name, i) => deliver(source, to(`r${i}@example.net`, name))));
    for (const [i, raw] of raws.entries()) {
      const expected = personalize(compiled, { email: `r${i}@example.net`, first_name: HOSTILE[i] ?? undefined }, ctx);
      const mail = await simpleParser(raw);
      // quoted-printable text parts are CRLF on the wire; a reader gets the lines back
      expect(mail.html).toBe(expected.html);
      expect(mail.text?.replace(/\r\n/g, "\n")).toBe(expected.text);
      expect(mail.headers.get("to")).toEqual({
        value: [{ address: `r${i}@example.net`, name: "" }],
        html: expect.any(String),
        text: `r${i}@example.net`,
      });
      expect(mail.headers.has("bcc")).toBe(false);
      expect(raw.toString()).toMatch(/Content-Transfer-Encoding: quoted-printable/);
      // the bodies are wrapped to 76 characters (a header may carry the one long unsubscribe URL)
      const body = raw.toString("latin1").split("\r\n\r\n").slice(1).join("\r\n\r\n");
      expect(body.split("\r\n").filter((line) => line.length > 76)).toEqual([]);
      const verified = await dkimVerify(raw, { resolver });
      expect(verified.results.map((r) => r.status.result)).toEqual(["pass"]);
    }
  });
});
