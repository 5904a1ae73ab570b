import { describe, it, expect, afterAll } from "vitest";
import { simpleParser } from "mailparser";
import { dkimVerify } from "mailauth";
import { DeliveryThreads } from "../../src/send/mailer/threads.js";
import { newsletterSource } from "../../src/send/source.js";
import { bodyText, BodyWire, type FilledBody, type TemplateMessage } from "../../src/send/compose/body-fill.js";
import { messageIdFor, type ComposeInput } from "../../src/send/message.js";
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

async function deliver(input: ComposeInput): Promise<Buffer> {
  const d = await threads.deliver(
    { envelope: { from: SENDER.address, to: "x@example.net" }, messageId: input.messageId, input },
    () => true,
  );
  return d?.bytes ?? Buffer.alloc(0);
}

describe("the newsletter source", () => {
  it("fills the same HTML and text as personalize, for hostile first names too", () => {
    const compiled = issue();
    const source = newsletterSource(compiled, SETTINGS, SENDER, ctx);
    for (const name of HOSTILE) {
      const input = source.message(to("anna@example.net", name), date);
      const expected = personalize(compiled, { email: "anna@example.net", first_name: name ?? undefined }, ctx);
      expect(bodyText(input.html)).toBe(expected.html);
      expect(bodyText(input.text)).toBe(expected.text);
      expect(input.headers["List-Unsubscribe"]).toContain(`<${expected.unsubscribeUrl}>`);
    }
  });

  it("arrives as personalize's HTML and text, DKIM-signed, without injected headers", async () => {
    const compiled = issue();
    const source = newsletterSource(compiled, SETTINGS, SENDER, ctx);
    // several messages through two threads: each thread gets the template once, then values only
    const raws = await Promise.all(HOSTILE.map((name, i) => deliver(source.message(to(`r${i}@example.net`, name), date))));
    for (const [i, raw] of raws.entries()) {
      const expected = personalize(compiled, { email: `r${i}@example.net`, first_name: HOSTILE[i] ?? undefined }, ctx);
      const mail = await simpleParser(raw);
      expect(mail.html).toBe(expected.html);
      expect(mail.text).toBe(expected.text);
      expect(mail.headers.get("to")).toEqual({
        value: [{ address: `r${i}@example.net`, name: "" }],
        html: expect.any(String),
        text: `r${i}@example.net`,
      });
      expect(mail.headers.has("bcc")).toBe(false);
      expect(raw.toString()).toMatch(/Content-Transfer-Encoding: base64/);
      const verified = await dkimVerify(raw, { resolver });
      expect(verified.results.map((r) => r.status.result)).toEqual(["pass"]);
    }
  });

  it("encodes a surrogate pair split between the template and a value correctly", async () => {
    const template = { parts: ["<p>A \ud835", "\udd18 B</p>" + "x".repeat(100)] };
    const filled: FilledBody = { template, values: ["\udd18 and \ud835"] };
    const input = { ...newsletterSource(issue(), SETTINGS, SENDER, ctx).message(to("anna@example.net", "Anna"), date), html: filled };
    const mail = await simpleParser(await deliver(input));
    expect(mail.html).toBe("<p>A 𝔘 and 𝔘 B</p>" + "x".repeat(100));
  });
});

describe("BodyWire", () => {
  it("hands each thread a template once, then only the values", () => {
    const wire = new BodyWire();
    const posted: Array<[object, TemplateMessage]> = [];
    const a = {};
    const b = {};
    const template = { parts: ["<p>", "</p>"] };
    const post = (thread: object) => (m: TemplateMessage) => posted.push([thread, m]);
    expect(wire.wire({ template, values: ["1"] }, a, post(a))).toEqual({ template: 0, values: ["1"] });
    expect(wire.wire({ template, values: ["2"] }, a, post(a))).toEqual({ template: 0, values: ["2"] });
    expect(wire.wire({ template, values: ["3"] }, b, post(b))).toEqual({ template: 0, values: ["3"] });
    expect(wire.wire({ template: { parts: ["x"] }, values: [] }, a, post(a))).toEqual({ template: 1, values: [] });
    expect(wire.wire("plain", a, post(a))).toBe("plain");
    expect(posted).toEqual([
      [a, { t: "template", template: 0, parts: ["<p>", "</p>"] }],
      [b, { t: "template", template: 0, parts: ["<p>", "</p>"] }],
      [a, { t: "template", template: 1, parts: ["x"] }],
    ]);
    expect(() => wire.wire({ template, values: [] }, a, post(a))).toThrow(/takes 1 values, not 0/);
  });
});
