import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import mjml2html from "mjml";
import { parse } from "parse5";
import { loadValidEdition as requireValidEdition } from "../../../src/app/checked-edition.js";
import { rankEdition } from "../../../src/rank/rank.js";
import { sitePages } from "../../../src/render/site/pages.js";
import { loadSiteTemplates } from "../../../src/render/site/templates.js";
import { BIO, LAUDATION, configWith, csv, writeEdition } from "../../helpers/edition.js";
import {
  all,
  attr,
  buildFixture,
  byTag,
  first,
  jpeg,
  jsonLd,
  listFiles,
  meta,
  nomineesWith,
  parseFile,
  text,
  type Node,
  wholeList,
} from "../../helpers/site.js";

const SCRIPT_NAME = "</script><script>alert(1)</script>";
const ATTR_NAME = '"><img src=x onerror=alert(1)>';
const TEMPLATE_NAME = "{{constructor}}";
const LAUDATION_HTML = `<b>Fett</b> und <script>alert(2)</script> ${LAUDATION}`;

let out = "";

/** No executable or injected markup: scripts are JSON-LD only, no on* attribute, none of the injected tags. */
function assertInert(doc: Node, where: string): void {
  for (const s of byTag(doc, "script")) expect(attr(s, "type"), where).toBe("application/ld+json");
  expect(
    all(doc, (e) => e.attrs.some((a) => a.name.startsWith("on"))),
    where,
  ).toEqual([]);
  expect(
    all(doc, (e) => ["b", "svg", "iframe"].includes(e.tagName) || (e.tagName === "img" && attr(e, "src") === "x")),
    where,
  ).toEqual([]);
}

beforeAll(async () => {
  const built = await buildFixture({
    "edition.json": configWith((c) => {
      c["title"] = "100 Köpfe </title><script>alert(5)</script>";
      c["categories"] = [
        { id: "marketing", name: "Marketing <i>&</i> Co" },
        { id: "medien", name: "Medien" },
      ];
    }),
    "nominees.csv": nomineesWith({
      "anna-mueller": {
        name: SCRIPT_NAME,
        laudation: LAUDATION_HTML,
        quote: "</blockquote><script>alert(3)</script>",
        teaser: "<img src=x onerror=alert(6)>",
      },
      "bernd-schaefer": {
        name: ATTR_NAME,
        role: "' onmouseover='alert(7)",
        company: 'Kranich & Söhne "Q"',
        photo: "photos/b.jpg",
        photo_credit: "<svg onload=alert(4)>",
      },
      "clara-weiss": { name: TEMPLATE_NAME, company: "{{#each this}}{{/each}}" },
    }),
    "authors.csv": csv([
      ["id", "name", "bio", "topics"],
      ["lbeispiel", "Lena <iframe>Beispiel</iframe>", `${BIO} <iframe src=x></iframe>`, "<b>Fett</b>|{{this}}"],
    ]),
    "photos/b.jpg": await jpeg(100, 125),
  });
  out = built.out;
}, 60_000);

describe("site: hostile text from the CSVs is inert", () => {
  it("in every page, embed and compiled MJML block", async () => {
    const files = listFiles(out).filter((f) => /\.(html|mjml)$/.test(f) && !f.startsWith("newsletter/"));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const source = readFileSync(path.join(out, f), "utf8");
      const html = f.endsWith(".mjml")
        ? (await mjml2html(`<mjml><mj-body>${source}</mj-body></mjml>`, { validationLevel: "strict" })).html
        : source;
      assertInert(parse(html), f);
    }
  });

  it("shows the text exactly as written, in headings, attributes and JSON-LD", () => {
    const anna = parseFile(path.join(out, "anna-mueller/index.html"));
    expect(byTag(anna, "h1").map(text)).toEqual([SCRIPT_NAME]);
    expect(text(first(anna, (e) => e.tagName === "blockquote"))).toBe("</blockquote><script>alert(3)</script>");
    expect(text(byTag(anna, "p").find((p) => attr(p, "class") === null && text(p).startsWith("<b>")) as Node)).toMatch(
      /^<b>Fett<\/b> und <script>alert\(2\)<\/script> Sie hat/,
    );
    expect(meta(anna, "description")).toBe("<img src=x onerror=alert(6)>");
    const [ld] = jsonLd(anna);
    expect((ld?.["mainEntity"] as { name: string } | undefined)?.name).toBe(SCRIPT_NAME);

    const bernd = parseFile(path.join(out, "bernd-schaefer/index.html"));
    expect(byTag(bernd, "h1").map(text)).toEqual([ATTR_NAME]);
    expect(meta(bernd, "og:title")).toBe(`Platz 3: ${ATTR_NAME} – 100 Köpfe </title><script>alert(5)</script>`);
    expect(
      attr(
        first(bernd, (e) => e.tagName === "img"),
        "alt",
      ),
    ).toBe(`Porträt von ${ATTR_NAME}`);
    expect(text(first(bernd, (e) => e.tagName === "figcaption"))).toBe("<svg onload=alert(4)>");
    expect((jsonLd(bernd)[0]?.["mainEntity"] as { worksFor: { name: string } } | undefined)?.worksFor.name).toBe('Kranich & Söhne "Q"');

    const clara = parseFile(path.join(out, "clara-weiss/index.html"));
    expect(byTag(clara, "h1").map(text)).toEqual([TEMPLATE_NAME]);
    expect(text(first(clara, (e) => attr(e, "class") === "profile-role"))).toBe("Geschäftsführung, {{#each this}}{{/each}}");
  });

  it("keeps '<' out of every JSON-LD script body, so no value can close the element", () => {
    for (const f of listFiles(out).filter((x) => x.endsWith(".html") && !x.startsWith("embed/") && !x.startsWith("newsletter/"))) {
      const raw = readFileSync(path.join(out, f), "utf8");
      for (const m of raw.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) expect(m[1], f).not.toMatch(/[<>]/);
      expect(jsonLd(parse(raw)).length, f).toBe(1);
    }
  });

  it("author texts and category names are escaped too", () => {
    const author = parseFile(path.join(out, "autoren/lbeispiel/index.html"));
    expect(byTag(author, "h1").map(text)).toEqual(["Lena <iframe>Beispiel</iframe>"]);
    expect(
      byTag(
        first(author, (e) => attr(e, "class") === "topics"),
        "li",
      ).map(text),
    ).toEqual(["<b>Fett</b>", "{{this}}"]);
    const category = parseFile(path.join(out, "kategorie/marketing/index.html"));
    expect(byTag(category, "h1").map(text)).toEqual(["Marketing <i>&</i> Co"]);
  });
});

describe("site: only validated https URLs become links", () => {
  it("a javascript: LinkedIn URL stops the build at check", async () => {
    await expect(
      buildFixture({ "nominees.csv": nomineesWith({ "anna-mueller": { linkedin: "javascript:alert(1)" } }) }),
    ).rejects.toMatchObject({
      code: "E_EDITION_INVALID",
      problems: expect.arrayContaining([expect.objectContaining({ file: "nominees.csv", field: "linkedin", code: "invalid-url" })]),
    });
  });

  it("the page renderer drops a URL that is not https even if one got past the loader", async () => {
    const { edition } = await requireValidEdition(writeEdition());
    const ranking = rankEdition(edition);
    const anna = edition.nominees.find((n) => n.id === "anna-mueller");
    if (!anna) throw new Error("fixture");
    anna.linkedin = "javascript:alert(1)";
    anna.website = "http://example.org/";
    const templates = await loadSiteTemplates();
    const pages = [
      ...sitePages(
        {
          edition,
          ranking,
          issues: [],
          photos: new Map(),
          assets: { css: "assets/site.css", ogImage: "assets/og.png" },
          countdown: wholeList(6),
          signUp: null,
        },
        templates,
      ),
    ];
    const page = pages.find((p) => p.path === "anna-mueller/index.html");
    const hrefs = all(parse(page?.content ?? ""), (e) => e.tagName === "a").map((a) => attr(a, "href") ?? "");
    expect(hrefs.filter((h) => /^(javascript|http):/.test(h))).toEqual([]);
    expect(page?.content).not.toContain("javascript:");
  });
});
