import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import mjml2html from "mjml";
import { parse } from "parse5";
import { configWith } from "../../helpers/edition.js";
import { NEWSLETTER as SENDER_SETTINGS } from "../../helpers/newsletter.js";
import {
  all,
  attr,
  BASE_URL,
  buildFixture,
  byTag,
  first,
  jpeg,
  listFiles,
  nomineesWith,
  parseFile,
  references,
  targetFile,
  text,
} from "../../helpers/site.js";

let out = "";

beforeAll(async () => {
  const built = await buildFixture({
    "edition.json": configWith((c) => {
      c["newsletter"] = {
        ...SENDER_SETTINGS,
        issues: [{ number: 1, send_at: "2024-12-02T07:00", subject: "Alle sechs", preheader: "Der Countdown", ranks: [1, 6] }],
      };
    }),
    "nominees.csv": nomineesWith({
      "clara-weiss": {
        photo: "photos/clara.jpg",
        photo_credit: "Foto: Archiv",
        linkedin: "https://www.linkedin.com/in/clara/",
        website: "https://blau.example/",
        quote: "Mut ist eine Methode.",
      },
    }),
    "photos/clara.jpg": await jpeg(400, 500),
  });
  out = built.out;
}, 60_000);

describe("site: links", () => {
  it("every internal link, image and srcset candidate of every page resolves to a written file", () => {
    const files = new Set(listFiles(out));
    // mail.html keeps its per-recipient placeholders; embeds are shown on other sites
    const pages = [...files].filter((f) => f.endsWith(".html") && !f.startsWith("embed/") && !f.endsWith("/mail.html"));
    expect(pages.length).toBeGreaterThan(10);
    const broken: string[] = [];
    let checked = 0;
    for (const p of pages) {
      for (const ref of references(parseFile(path.join(out, p)))) {
        if (/^(mailto:|data:|#)/.test(ref)) continue;
        const target = targetFile(p, ref);
        if (target === null) continue;
        checked++;
        if (!files.has(target)) broken.push(`${p} → ${ref}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  it("external links are only the validated https ones", () => {
    const doc = parseFile(path.join(out, "clara-weiss/index.html"));
    const external = all(
      doc,
      (e) => e.tagName === "a" && /^[a-z]+:/.test(attr(e, "href") ?? "") && !(attr(e, "href") ?? "").startsWith(BASE_URL),
    );
    expect(external.map((a) => attr(a, "href"))).toEqual([
      "https://www.linkedin.com/in/clara/",
      "https://blau.example/",
      "mailto:redaktion@example.org",
    ]);
    expect(text(first(doc, (e) => e.tagName === "blockquote"))).toBe("Mut ist eine Methode.");
  });
});

describe("site: embeds", () => {
  it("the teaser is a self-contained snippet: inline styles, absolute link to the list", () => {
    const html = readFileSync(path.join(out, "embed/teaser.html"), "utf8");
    const doc = parse(html);
    expect(byTag(doc, "link")).toEqual([]);
    expect(byTag(doc, "style")).toEqual([]);
    expect(text(doc)).toBe("Wer sind die Macherinnen und Macher, die 2024 prägten? Hier findest Du die 100 Köpfe 2024.");
    expect(all(doc, (e) => e.tagName === "a").map((a) => attr(a, "href"))).toEqual([BASE_URL]);
  });

  it("a person's card links the profile with absolute URLs and uses the photo's published copy", () => {
    const doc = parse(readFileSync(path.join(out, "embed/clara-weiss.html"), "utf8"));
    expect(new Set(all(doc, (e) => e.tagName === "a").map((a) => attr(a, "href")))).toEqual(new Set([BASE_URL, `${BASE_URL}clara-weiss/`]));
    const img = first(doc, (e) => e.tagName === "img");
    expect([attr(img, "src"), attr(img, "alt")]).toEqual([`${BASE_URL}photos/clara.jpg`, "Porträt von Clara Weiß"]);
    expect(existsSync(path.join(out, "photos/clara.jpg"))).toBe(true);
    expect(text(doc)).toContain("Platz 4");
  });

  it("the MJML blocks compile without errors under strict validation inside another newsletter", async () => {
    for (const file of ["teaser.mjml", "clara-weiss.mjml", "anna-mueller.mjml"]) {
      const block = readFileSync(path.join(out, "embed", file), "utf8");
      const result = await mjml2html(`<mjml lang="de"><mj-body>${block}</mj-body></mjml>`, { validationLevel: "strict" });
      expect(result.errors, file).toEqual([]);
      const links = all(parse(result.html), (e) => e.tagName === "a").map((a) => attr(a, "href"));
      expect(
        links.every((h) => h?.startsWith(BASE_URL)),
        file,
      ).toBe(true);
    }
  });

  it("writes one card per entry in both formats", () => {
    const embeds = listFiles(path.join(out, "embed"));
    expect(embeds.filter((f) => f.endsWith(".html"))).toHaveLength(7);
    expect(embeds.filter((f) => f.endsWith(".mjml"))).toHaveLength(7);
  });
});
