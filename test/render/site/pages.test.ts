import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BIO, configWith, csv } from "../../helpers/edition.js";
import { NEWSLETTER as SENDER_SETTINGS } from "../../helpers/newsletter.js";
import {
  all,
  attr,
  BASE_URL,
  buildFixture,
  byClass,
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
} from "../../helpers/site.js";

/**
 * The base edition ranks (mean of the juror totals, no normalisation, weights jury 1):
 * Deniz 8.5, Anna 8.5, Bernd 6.67, Clara 5.83, Eva 4.83, Frank 4.5. Anna and Deniz tie on J and on
 * count-back ([9, 8.5, 8] each); votes decide (Deniz 40 > Anna 10). Points = 100 · (J − 4.5) / 4.
 * previous.csv: Anna 3 → 2 (up 1), Deniz 1 → 1 (same), Frank 6 → 6 (same), the rest new.
 */
const ORDER = ["Deniz Özdemir", "Dr. Anna Müller", "Bernd Schäfer", "Clara Weiß", "Eva Lang", "Frank Ober"];

const NEWSLETTER = {
  ...SENDER_SETTINGS,
  issues: [
    { number: 1, send_at: "2024-12-02T07:00", subject: "Plätze 6 bis 4", preheader: "Der Auftakt", ranks: [4, 6] },
    { number: 2, send_at: "2024-12-03T07:00", subject: "Plätze 3 bis 1", preheader: "Die Spitze", ranks: [1, 3] },
  ],
};

let out = "";
/** Pages of the site itself (the newsletter stage writes newsletter/<n>/, embeds are snippets). */
const isSitePage = (f: string) => f.endsWith(".html") && !/^newsletter\/\d+\//.test(f) && !f.startsWith("embed/");
const page = (rel: string) => parseFile(path.join(out, rel));

beforeAll(async () => {
  const built = await buildFixture({
    "edition.json": configWith((c) => (c["newsletter"] = NEWSLETTER)),
    "nominees.csv": nomineesWith({ "anna-mueller": { photo: "photos/anna.jpg", photo_credit: "Foto: Studio Nord" } }),
    "authors.csv": csv([
      ["id", "name", "bio", "topics", "role", "photo"],
      ["lbeispiel", "Lena Beispiel", BIO, "Marketing|Medien", "Redakteurin", "photos/lena.jpg"],
    ]),
    "photos/anna.jpg": await jpeg(700, 875),
    "photos/lena.jpg": await jpeg(200, 200),
  });
  out = built.out;
}, 60_000);

describe("site: index", () => {
  it("lists the entries in rank order with rank, movement and points, and says it in German", () => {
    const doc = page("index.html");
    expect(
      attr(
        first(doc, (e) => e.tagName === "html"),
        "lang",
      ),
    ).toBe("de");
    const entries = byClass(doc, "entry");
    expect(entries.map((e) => text(first(e, (x) => x.tagName === "h2")))).toEqual(ORDER);
    expect(entries.map((e) => text(byClass(e, "entry-rank")[0] as Node))).toEqual([
      "Platz 1",
      "Platz 2",
      "Platz 3",
      "Platz 4",
      "Platz 5",
      "Platz 6",
    ]);
    expect(text(byClass(entries[1] as Node, "move")[0] as Node)).toBe("▲ 1 1 Platz gestiegen");
    expect(text(byClass(entries[0] as Node, "move")[0] as Node)).toBe("= Platz gehalten");
    expect(entries.map((e) => text(byClass(e, "entry-points")[0] as Node))).toEqual([
      "100,0 Punkte",
      "100,0 Punkte",
      "54,2 Punkte",
      "33,3 Punkte",
      "8,3 Punkte",
      "0,0 Punkte",
    ]);
  });

  it("filters by category with plain links, and has a unique title, description, canonical and Open Graph", () => {
    const doc = page("index.html");
    const filters = all(
      first(doc, (e) => e.tagName === "nav" && attr(e, "aria-label") === "Nach Kategorie"),
      (e) => e.tagName === "a",
    );
    expect(filters.map((a) => [text(a), attr(a, "href")])).toEqual([
      ["Alle (6)", "./"],
      ["Marketing (3)", "kategorie/marketing/"],
      ["Medien (3)", "kategorie/medien/"],
    ]);
    expect(text(first(doc, (e) => e.tagName === "title"))).toBe("100 Köpfe 2024");
    expect(meta(doc, "description")).toMatch(/^100 Köpfe 2024: 6 Menschen, die 2024 geprägt haben/);
    expect(
      attr(
        first(doc, (e) => e.tagName === "link" && attr(e, "rel") === "canonical"),
        "href",
      ),
    ).toBe(BASE_URL);
    expect(meta(doc, "og:type")).toBe("website");
    expect(meta(doc, "og:image")).toMatch(/^https:\/\/koepfe\.example\.org\/2024\/assets\/og-[0-9a-f]{8}\.png$/);
  });

  it("carries an ItemList whose positions are the ranks", () => {
    const [ld] = jsonLd(page("index.html"));
    expect(ld?.["@type"]).toBe("ItemList");
    const items = ld?.["itemListElement"] as { position: number; url: string; name: string }[];
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(items[1]).toEqual({ "@type": "ListItem", position: 2, url: `${BASE_URL}anna-mueller/`, name: "Dr. Anna Müller" });
  });
});

describe("site: person page", () => {
  it("shows name, rank, movement, role, category, photo with credit, laudation, author box and neighbours", () => {
    const doc = page("anna-mueller/index.html");
    expect(byTag(doc, "h1").map(text)).toEqual(["Dr. Anna Müller"]);
    expect(text(byClass(doc, "profile-rank")[0] as Node)).toBe("Platz 2 ▲ 1 1 Platz gestiegen");
    expect(text(byClass(doc, "profile-role")[0] as Node)).toBe("Geschäftsführung, Nordlicht Media GmbH");
    const category = first(
      first(doc, (e) => e.tagName === "dl"),
      (e) => e.tagName === "a",
    );
    expect([text(category), attr(category, "href")]).toEqual(["Marketing", "../kategorie/marketing/"]);
    expect(text(first(byClass(doc, "profile-photo")[0] as Node, (e) => e.tagName === "figcaption"))).toBe("Foto: Studio Nord");
    expect(byTag(byClass(doc, "laudation")[0] as Node, "p")).toHaveLength(2);
    const box = byClass(doc, "author-box")[0] as Node;
    expect(text(first(box, (e) => e.tagName === "h2"))).toBe("Lena Beispiel");
    expect(byTag(byClass(box, "topics")[0] as Node, "li").map(text)).toEqual(["Marketing", "Medien"]);
    const pager = all(
      first(doc, (e) => e.tagName === "nav" && attr(e, "aria-label") === "Weitere Köpfe"),
      (e) => e.tagName === "a",
    );
    expect(pager.map((a) => [attr(a, "rel"), attr(a, "href")])).toEqual([
      ["prev", "../deniz-oezdemir/"],
      ["next", "../bernd-schaefer/"],
    ]);
  });

  it("serves resized webp variants with srcset and the intrinsic size, and publishes the photo at photos/<file>", () => {
    const doc = page("anna-mueller/index.html");
    const picture = first(byClass(doc, "profile-photo")[0] as Node, (e) => e.tagName === "picture");
    const source = first(picture, (e) => e.tagName === "source");
    expect(attr(source, "srcset")).toBe(
      "../photos/anna.jpg@160.webp 160w, ../photos/anna.jpg@320.webp 320w, ../photos/anna.jpg@640.webp 640w, ../photos/anna.jpg@700.webp 700w",
    );
    const img = first(picture, (e) => e.tagName === "img");
    expect([attr(img, "src"), attr(img, "width"), attr(img, "height"), attr(img, "alt")]).toEqual([
      "../photos/anna.jpg",
      "700",
      "875",
      "Porträt von Dr. Anna Müller",
    ]);
    expect(listFiles(path.join(out, "photos"))).toEqual([
      "anna.jpg",
      "anna.jpg@160.webp",
      "anna.jpg@320.webp",
      "anna.jpg@640.webp",
      "anna.jpg@700.webp",
      "lena.jpg",
      "lena.jpg@160.webp",
      "lena.jpg@200.webp",
    ]);
  });

  it("names the newsletter issue that revealed the person, with a German date", () => {
    const revealed = byClass(page("anna-mueller/index.html"), "revealed")[0] as Node;
    expect(text(revealed)).toBe("Vorgestellt im Newsletter vom Dienstag, 3. Dezember 2024: Ausgabe 2 – Plätze 3 bis 1");
    expect(
      attr(
        first(revealed, (e) => e.tagName === "a"),
        "href",
      ),
    ).toBe("../newsletter/2/");
    expect(
      attr(
        first(revealed, (e) => e.tagName === "time"),
        "datetime",
      ),
    ).toBe("2024-12-03");
  });

  it("carries a WebPage whose mainEntity is the Person, and og:type profile with the photo", () => {
    const doc = page("anna-mueller/index.html");
    const [ld] = jsonLd(doc);
    expect(ld?.["@type"]).toBe("WebPage");
    expect(ld?.["mainEntity"]).toEqual(
      expect.objectContaining({
        "@type": "Person",
        name: "Dr. Anna Müller",
        jobTitle: "Geschäftsführung",
        worksFor: { "@type": "Organization", name: "Nordlicht Media GmbH" },
        image: `${BASE_URL}photos/anna.jpg`,
        url: `${BASE_URL}anna-mueller/`,
      }),
    );
    expect(meta(doc, "og:type")).toBe("profile");
    expect(meta(doc, "og:image")).toBe(`${BASE_URL}photos/anna.jpg`);
    expect(text(first(doc, (e) => e.tagName === "title"))).toBe("Platz 2: Dr. Anna Müller – 100 Köpfe 2024");
  });
});

describe("site: category, author and archive pages", () => {
  it("a category page lists its entries by category rank and shows the overall place", () => {
    const doc = page("kategorie/medien/index.html");
    expect(byTag(doc, "h1").map(text)).toEqual(["Medien"]);
    const entries = byClass(doc, "entry");
    expect(entries.map((e) => text(first(e, (x) => x.tagName === "h2")))).toEqual(["Deniz Özdemir", "Clara Weiß", "Frank Ober"]);
    expect(entries.map((e) => text(byClass(e, "entry-rank")[0] as Node))).toEqual(["Platz 1", "Platz 2", "Platz 3"]);
    expect(entries.map((e) => text(byClass(e, "entry-overall")[0] as Node))).toEqual([
      "Gesamt Platz 1",
      "Gesamt Platz 4",
      "Gesamt Platz 6",
    ]);
    expect((jsonLd(doc)[0]?.["itemListElement"] as { position: number }[] | undefined)?.map((i) => i.position)).toEqual([1, 2, 3]);
  });

  it("an author page shows the bio, topics and every profile the author wrote", () => {
    const doc = page("autoren/lbeispiel/index.html");
    expect(byTag(doc, "h1").map(text)).toEqual(["Lena Beispiel"]);
    expect(text(byClass(doc, "author-role")[0] as Node)).toBe("Redakteurin");
    expect(byTag(doc, "h3").map(text)).toEqual(ORDER);
  });

  it("the newsletter archive links every issue's web version with its German date", () => {
    const items = byTag(
      first(page("newsletter/index.html"), (e) => e.tagName === "ol"),
      "li",
    );
    expect(
      items.map((li) => [
        text(li),
        attr(
          first(li, (e) => e.tagName === "a"),
          "href",
        ),
      ]),
    ).toEqual([
      ["Ausgabe 1 Plätze 6 bis 4 Montag, 2. Dezember 2024", "../newsletter/1/"],
      ["Ausgabe 2 Plätze 3 bis 1 Dienstag, 3. Dezember 2024", "../newsletter/2/"],
    ]);
  });

  it("the 404 page links with absolute paths (it is served at any address) and is not indexed", () => {
    const doc = page("404.html");
    expect(meta(doc, "robots")).toBe("noindex");
    expect(
      attr(
        first(doc, (e) => e.tagName === "a" && attr(e, "class") === "brand"),
        "href",
      ),
    ).toBe("/2024/");
    expect(
      all(doc, (e) => e.tagName === "link" && attr(e, "rel") === "stylesheet").map((l) =>
        attr(l, "href")?.startsWith("/2024/assets/site-"),
      ),
    ).toEqual([true]);
  });
});

describe("site: every page", () => {
  it("has lang de, a unique title, a description, one h1, landmarks and a skip link to main", () => {
    const pages = listFiles(out).filter((f) => isSitePage(f));
    expect(pages).toHaveLength(12);
    const titles = new Set<string>();
    for (const p of pages) {
      const doc = page(p);
      expect(
        attr(
          first(doc, (e) => e.tagName === "html"),
          "lang",
        ),
        p,
      ).toBe("de");
      titles.add(text(first(doc, (e) => e.tagName === "title")));
      expect(meta(doc, "description")?.length, p).toBeGreaterThan(20);
      expect(byTag(doc, "h1"), p).toHaveLength(1);
      expect(
        ["header", "nav", "main", "footer"].every((t) => byTag(doc, t).length > 0),
        p,
      ).toBe(true);
      const skip = first(doc, (e) => e.tagName === "a" && attr(e, "class") === "skip-link");
      expect(
        attr(
          first(doc, (e) => e.tagName === "main"),
          "id",
        ),
      ).toBe(attr(skip, "href")?.slice(1));
      for (const img of byTag(doc, "img")) expect(attr(img, "alt")?.length, p).toBeGreaterThan(0);
    }
    expect(titles.size).toBe(pages.length);
  });

  it("uses no external stylesheet, font or script", () => {
    for (const p of listFiles(out).filter((f) => isSitePage(f))) {
      const doc = page(p);
      for (const l of byTag(doc, "link").filter((x) => attr(x, "rel") === "stylesheet"))
        expect(attr(l, "href"), p).not.toMatch(/^(https?:)?\/\//);
      expect(
        byTag(doc, "script").filter((s) => attr(s, "type") !== "application/ld+json"),
        p,
      ).toEqual([]);
    }
    expect(readFileSync(path.join(out, listFiles(out).find((f) => f.endsWith(".css")) ?? ""), "utf8")).not.toMatch(
      /@import|@font-face|url\(\s*["']?https?:/,
    );
  });

  it("lists every page in sitemap.xml, and robots.txt points at it", () => {
    const sitemap = readFileSync(path.join(out, "sitemap.xml"), "utf8");
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toHaveLength(1 + 6 + 2 + 1 + 1 + 2);
    expect(locs).toContain(`${BASE_URL}anna-mueller/`);
    expect(locs).toContain(`${BASE_URL}newsletter/2/`);
    expect(readFileSync(path.join(out, "robots.txt"), "utf8")).toContain(`Sitemap: ${BASE_URL}sitemap.xml`);
    expect(existsSync(path.join(out, "404.html"))).toBe(true);
  });
});
