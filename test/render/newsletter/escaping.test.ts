import { beforeAll, describe, expect, it } from "vitest";
import { compileIssues } from "../../../src/render/newsletter/compile.js";
import { personalize } from "../../../src/render/newsletter/personalize.js";
import type { CompiledIssue } from "../../../src/render/newsletter/model.js";
import { BIO, LAUDATION, csv } from "../../helpers/edition.js";
import { attrOf, loadFixture, newsletterConfig, nomineesCsv, parseHtml, rankingOf, textOf } from "../../helpers/newsletter.js";

// Every text below comes from a CSV or edition.json and must reach the reader as text, never as markup.
const SCRIPT = "<script>alert(1)</script>";
const BREAKOUT = `"><img src=x onerror=alert(1)>`;
const TEMPLATE = "{{salutation}} {{{intro.html}}} {{#each entries}}x{{/each}}";
const GUESSED_PLACEHOLDER = "%%KOEPFE_0123456789abcdef0123_SALUTATION%%";
const MJML_BREAKOUT = "</mj-text></mj-column><mj-raw><script>alert(2)</script></mj-raw>";
const NAME = `Anna "Die Macherin" O'Neil & Co`;
// `"` and `<` in a URL are refused by check (docs: invalid-url); what passes must still be escaped
const PHOTO = `https://cdn.example.org/a.jpg?x='onerror='alert(1)&y=2`;
const TEASER = `${SCRIPT} ${BREAKOUT} ${TEMPLATE} ${GUESSED_PLACEHOLDER}`;
const LAUDATION_HOSTILE = `Sie schreibt ${SCRIPT} und ${BREAKOUT} in Artikel über ${MJML_BREAKOUT}. ${LAUDATION}`;
const SUBJECT = `Plätze 6 bis 1 <b>"&"</b>`;
const INTRO = `<b>raw</b> **fett** [böse](javascript:alert(1)) [gut](https://example.org/?a=1&b='2') ${TEMPLATE}`;

let issue: CompiledIssue;
beforeAll(async () => {
  const edition = await loadFixture({
    "edition.json": newsletterConfig(
      {
        issues: [
          { number: 1, send_at: "2024-12-02T07:00", subject: SUBJECT, preheader: `Vorschau ${SCRIPT}`, ranks: [1, 6], intro: "intro.md" },
        ],
      },
      (c) => {
        c["categories"] = [
          { id: "marketing", name: `Marketing & "Kommunikation"` },
          { id: "medien", name: "Medien" },
        ];
        c["publisher"] = {
          name: `Beispiel <Verlag> & "Co"`,
          address: "Musterstraße 1, 80331 München",
          email: "redaktion@example.org",
          responsible: `Erika ${SCRIPT}`,
        };
      },
    ),
    "intro.md": INTRO,
    "authors.csv": csv([
      ["id", "name", "bio"],
      ["lbeispiel", `Lena <i>Beispiel</i>`, BIO],
    ]),
    "nominees.csv": nomineesCsv({
      "anna-mueller": { name: NAME, photo: PHOTO, photo_credit: "Foto: privat", teaser: TEASER },
      "bernd-schaefer": { role: `CEO ${BREAKOUT}`, laudation: LAUDATION_HOSTILE },
    }),
  });
  [issue] = (await compileIssues(edition, rankingOf(edition))) as [CompiledIssue];
}, 60_000);

describe("hostile text in the HTML part", () => {
  it("creates no element or attribute from data: no script, no extra img, no event handler", () => {
    const { elements, byTag } = parseHtml(issue.html);
    expect(byTag("script")).toEqual([]);
    expect(byTag("img")).toHaveLength(1);
    expect(byTag("i")).toEqual([]);
    expect(byTag("b")).toEqual([]);
    expect(elements.flatMap((e) => e.attrs.map((a) => a.name)).filter((n) => n.startsWith("on"))).toEqual([]);
    expect(
      byTag("a")
        .map((a) => attrOf(a, "href") ?? "")
        .filter((h) => !/^(https:|mailto:|%%KOEPFE_)/.test(h)),
    ).toEqual([]);
  });

  it("shows names with & and quotes as text, also in the alt attribute and the photo URL", () => {
    const { byTag } = parseHtml(issue.html);
    expect(byTag("h2").map(textOf)).toContain(NAME);
    const img = byTag("img")[0]!;
    expect(attrOf(img, "alt")).toBe(`Porträt von ${NAME}`);
    expect(attrOf(img, "src")).toBe(PHOTO);
    expect(byTag("a").map(textOf)).toContain(`Zum Profil von ${NAME}`);
  });

  it("shows a teaser with markup and template syntax literally", () => {
    const teaser = parseHtml(issue.html)
      .byTag("p")
      .map(textOf)
      .find((t) => t.startsWith("<script>"));
    expect(teaser).toBe(TEASER);
  });

  it("keeps a laudation's MJML and HTML breakout attempts as text in the derived teaser", () => {
    const text = textOf(parseHtml(issue.html).doc);
    expect(text).toContain(`Sie schreibt ${SCRIPT} und ${BREAKOUT} in Artikel über ${MJML_BREAKOUT}.`);
    expect(text).toContain(`CEO ${BREAKOUT}, Kranich & Söhne`);
  });

  it("escapes config texts: subject, preheader, category, publisher, responsible person, author", () => {
    const { byTag, doc } = parseHtml(issue.html);
    expect(textOf(byTag("title")[0]!)).toBe(SUBJECT);
    const text = textOf(doc);
    for (const t of [
      `Vorschau ${SCRIPT}`,
      `Marketing & "Kommunikation"`,
      `Beispiel <Verlag> & "Co"`,
      `Erika ${SCRIPT}`,
      "Text: Lena <i>Beispiel</i>",
    ])
      expect(text).toContain(t);
  });

  it("converts the intro safely: markup as text, javascript: links as plain text, https links kept", () => {
    const { byTag } = parseHtml(issue.html);
    const intro = byTag("p").find((p) => textOf(p).startsWith("<b>raw</b>"));
    expect(intro === undefined ? undefined : textOf(intro)).toBe(`<b>raw</b> fett böse gut ${TEMPLATE}`);
    expect(intro?.childNodes.filter((n) => "tagName" in n).map((n) => [n.nodeName, attrOf(n as never, "href")])).toEqual([
      ["strong", undefined],
      ["a", `https://example.org/?a=1&b='2'`],
    ]);
  });

  it("does not turn {{…}} in data into a placeholder: the template's salutation appears once", () => {
    expect(issue.html.split(issue.placeholders.salutation)).toHaveLength(2);
    expect(issue.fill.html.slots.filter((s) => s === "salutation")).toHaveLength(1);
  });
});

describe("hostile text after personalisation", () => {
  const ctx = { secret: "s".repeat(32), listId: "koepfe-2024.example.org", unsubscribeBaseUrl: "https://koepfe.example.org/u/" };

  it("leaves a guessed placeholder in the data as it is", () => {
    const mail = personalize(issue, { email: "eve@example.org", first_name: "Eve" }, ctx);
    expect(textOf(parseHtml(mail.html).doc)).toContain(GUESSED_PLACEHOLDER);
    expect(mail.html.match(/Hallo Eve,/g)).toHaveLength(1);
    expect(mail.text.match(/Hallo Eve,/g)).toHaveLength(1);
  });

  it("keeps the text part literal (text/plain is not HTML)", () => {
    const mail = personalize(issue, { email: "eve@example.org" }, ctx);
    expect(mail.text).toContain(TEASER);
    expect(mail.text).toContain(`Zum Profil von ${NAME}: https://koepfe.example.org/2024/anna-mueller/`);
    expect(mail.text).toContain(`böse gut (https://example.org/?a=1&b='2') ${TEMPLATE}`);
  });
});
