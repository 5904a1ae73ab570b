/**
 * The issue's MIME bytes composed once and filled per recipient (send/mailer/mime-template.ts) must
 * read back, in a real MIME parser, as exactly the filled text and HTML — whatever the template and
 * the values hold: long lines, "=", non-ASCII, blanks at line ends, lines that start with a dot.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simpleParser } from "mailparser";
import { compileTemplate, messageBytes } from "../../src/send/mailer/mime-template.js";
import { messageTemplate } from "../../src/send/mailer/message.js";
import { fill, fillPlan, placeholdersFor } from "../../src/render/newsletter/placeholders.js";
import type { SlotName } from "../../src/render/newsletter/model.js";
import { SENDER, SETTINGS } from "../helpers/send.js";

const PH = placeholdersFor("mimetemplatetest0000");
const text = fc.string({ unit: fc.constantFrom("a", "ä", "=", " ", "\n", ".", "€", "𝔘", "<", "x", "\t"), maxLength: 300 });
const value = fc.string({ unit: fc.constantFrom("a", "ö", "=", " ", ".", "&amp;", "https://x.example/?a=1&b=2", "𝔘"), maxLength: 120 });

/** A document with a slot between its parts; never empty (a mail's body never is). */
function templateOf(parts: string[]): string {
  return `x${parts.map((p, i) => (i === 0 ? p : `${i % 2 === 0 ? PH.unsubscribeUrl : PH.salutation}${p}`)).join("")}`;
}

describe("the issue's MIME template", () => {
  it("reads back as the filled text and HTML for any parts and values", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 4 }), value, value, async (parts, salutation, url) => {
        const doc = templateOf(parts);
        const template = messageTemplate(SETTINGS, SENDER, { text: fillPlan(doc, PH), html: fillPlan(`<p>${doc}</p>`, PH) });
        const values: Record<SlotName, string> = { salutation, unsubscribeUrl: url, webUrl: "https://koepfe.example.org/" };
        const raw = messageBytes(await compileTemplate(template), {
          to: "anna@example.net",
          messageId: "<m1@example.org>",
          date: Date.UTC(2024, 11, 2, 6),
          unsubscribeUrl: "https://koepfe.example.org/u/tok",
          text: values,
          html: values,
        });
        // the bodies are wrapped to 76 characters (the headers, with their one long URL, are nodemailer's)
        const body = raw.toString("latin1").split("\r\n\r\n").slice(1).join("\r\n\r\n");
        expect(body.split("\r\n").filter((l) => l.length > 76)).toEqual([]);
        expect(raw.includes(Buffer.from("\n")) && /[^\r]\n/.test(raw.toString("latin1"))).toBe(false);
        const mail = await simpleParser(raw);
        // a line break is CRLF on the wire; a reader hands back the lines (mailparser with LF)
        const lf = (s: string) => s.replace(/\r\n/g, "\n");
        expect(lf(mail.text ?? "")).toBe(lf(fill(template.text, values)));
        expect(lf(mail.html || "")).toBe(lf(fill(template.html, values)));
      }),
      { numRuns: 150 },
    );
  });

  it("puts the recipient's address, Message-ID, date and unsubscribe URL into the headers", async () => {
    const template = messageTemplate(SETTINGS, SENDER, { text: fillPlan("x", PH), html: fillPlan("<p>x</p>", PH) });
    const compiled = await compileTemplate(template);
    const values = { salutation: "", unsubscribeUrl: "", webUrl: "" };
    const fillFor = (n: number) => ({
      to: `r${n}@example.net`,
      messageId: `<m${n}@example.org>`,
      date: Date.UTC(2024, 11, 2, 6, n),
      unsubscribeUrl: `https://koepfe.example.org/u/t${n}`,
      text: values,
      html: values,
    });
    for (const n of [1, 2]) {
      const mail = await simpleParser(messageBytes(compiled, fillFor(n)));
      expect(mail.to).toMatchObject({ text: `r${n}@example.net` });
      expect(mail.messageId).toBe(`<m${n}@example.org>`);
      expect(mail.date?.toISOString()).toBe(new Date(Date.UTC(2024, 11, 2, 6, n)).toISOString());
      expect(mail.headers.get("list")).toMatchObject({ unsubscribe: { url: `https://koepfe.example.org/u/t${n}` } });
    }
  });

  it("refuses a header value that is not printable ASCII instead of writing it raw", async () => {
    const template = messageTemplate(SETTINGS, SENDER, { text: fillPlan("x", PH), html: fillPlan("x", PH) });
    const compiled = await compileTemplate(template);
    const values = { salutation: "", unsubscribeUrl: "", webUrl: "" };
    const fill = {
      to: "a@example.net\r\nBcc: x@example.com",
      messageId: "<m@x>",
      date: 0,
      unsubscribeUrl: "https://x/",
      text: values,
      html: values,
    };
    expect(() => messageBytes(compiled, fill)).toThrow(/not a printable ASCII header value/);
  });
});
