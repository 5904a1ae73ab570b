import { beforeAll, describe, expect, it } from "vitest";
import { compileIssues } from "../../../src/render/newsletter/compile.js";
import type { CompiledIssue } from "../../../src/render/newsletter/model.js";
import { attrOf, loadFixture, newsletterConfig, nomineesCsv, parseHtml, rankingOf, textOf } from "../../helpers/newsletter.js";

const ISSUES = [
  {
    number: 1,
    send_at: "2024-12-02T07:00",
    subject: "100 Köpfe 2024: Plätze 6 bis 4",
    preheader: "Den Auftakt machen drei Köpfe aus Medien und Marketing.",
    ranks: [4, 6],
    intro: "newsletter/01.md",
  },
  { number: 2, send_at: "2024-12-03T07:00", subject: "100 Köpfe 2024: Plätze 3 bis 1", preheader: "Das Finale.", ranks: [1, 3] },
];
const INTRO = "Willkommen zur **Countdown**-Ausgabe.\n\nMehr unter [der Übersicht](https://koepfe.example.org/2024/).\n";

let issues: CompiledIssue[];
beforeAll(async () => {
  const edition = await loadFixture({
    "edition.json": newsletterConfig({ issues: ISSUES }),
    "newsletter/01.md": INTRO,
    "photos/anna-mueller.jpg": Buffer.from([0xff, 0xd8, 0xff]),
    "nominees.csv": nomineesCsv({
      "anna-mueller": { photo: "photos/anna-mueller.jpg", photo_credit: "Foto: Studio Nord" },
      "clara-weiss": {
        photo: "https://cdn.example.org/clara.jpg",
        photo_credit: "Foto: privat",
        teaser: "Clara Weiß hat das Regionalfernsehen neu erfunden.",
      },
    }),
  });
  const ranking = rankingOf(edition, {
    movements: { "anna-mueller": { kind: "up", by: 2 }, "bernd-schaefer": { kind: "same" }, "clara-weiss": { kind: "down", by: 1 } },
  });
  issues = await compileIssues(edition, ranking);
}, 60_000);

const issue = (n: number) => {
  const found = issues.find((i) => i.number === n);
  if (!found) throw new Error(`no issue ${n}`);
  return found;
};

describe("compiled HTML", () => {
  it("compiles one issue per configured issue, with its entries in countdown order", () => {
    expect(issues.map((i) => i.number)).toEqual([1, 2]);
    expect(issue(1).entryIds).toEqual(["frank-ober", "eva-lang", "deniz-oezdemir"]);
    expect(parseHtml(issue(1).html).byTag("h2").map(textOf)).toEqual(["Frank Ober", "Eva Lang", "Deniz Özdemir"]);
    expect(parseHtml(issue(2).html).byTag("h2").map(textOf)).toEqual(["Clara Weiß", "Bernd Schäfer", "Dr. Anna Müller"]);
  });

  it("shows each rank with its movement badge", () => {
    const { elements } = parseHtml(issue(2).html);
    expect(elements.filter((e) => attrOf(e, "class") === "rank").map(textOf)).toEqual(["3", "2", "1"]);
    const badges = elements.filter((e) => e.tagName === "span" && attrOf(e, "title") !== undefined);
    expect(badges.map((b) => [textOf(b), attrOf(b, "title")])).toEqual([
      ["▼ 1", "1 Platz gefallen"],
      ["–", "Platz gehalten"],
      ["▲ 2", "2 Plätze gestiegen"],
    ]);
    expect(
      parseHtml(issue(1).html)
        .elements.filter((e) => attrOf(e, "title") !== undefined)
        .map(textOf),
    ).toEqual(["neu", "neu", "neu"]);
  });

  it("links every card to the profile page under base_url", () => {
    const links = parseHtml(issue(1).html)
      .byTag("a")
      .filter((a) => textOf(a).startsWith("Zum Profil"));
    expect(links.map((a) => [textOf(a), attrOf(a, "href")])).toEqual([
      ["Zum Profil von Frank Ober", "https://koepfe.example.org/2024/frank-ober/"],
      ["Zum Profil von Eva Lang", "https://koepfe.example.org/2024/eva-lang/"],
      ["Zum Profil von Deniz Özdemir", "https://koepfe.example.org/2024/deniz-oezdemir/"],
    ]);
  });

  it("uses absolute photo URLs (local photos under <base_url>photos/) with a German alt text", () => {
    const imgs = parseHtml(issue(2).html).byTag("img");
    expect(imgs.map((i) => [attrOf(i, "src"), attrOf(i, "alt")])).toEqual([
      ["https://cdn.example.org/clara.jpg", "Porträt von Clara Weiß"],
      ["https://koepfe.example.org/2024/photos/anna-mueller.jpg", "Porträt von Dr. Anna Müller"],
    ]);
  });

  it("shows role and company, category, teaser and the author line", () => {
    const text = textOf(parseHtml(issue(2).html).doc);
    expect(text).toContain("Geschäftsführung, Blau AG");
    expect(text).toContain("Clara Weiß hat das Regionalfernsehen neu erfunden.");
    expect(text.match(/Text: Lena Beispiel/g)).toHaveLength(3);
    expect(text).toContain("Marketing");
  });

  it("has lang=de, the subject as title, the preheader, the date in German and dark-mode meta", () => {
    const { byTag, doc } = parseHtml(issue(1).html);
    expect(attrOf(byTag("html")[0]!, "lang")).toBe("de");
    expect(textOf(byTag("title")[0]!)).toBe("100 Köpfe 2024: Plätze 6 bis 4");
    expect(textOf(doc)).toContain("Den Auftakt machen drei Köpfe aus Medien und Marketing.");
    expect(textOf(doc)).toContain("Montag, 2. Dezember 2024");
    expect(byTag("meta").map((m) => [attrOf(m, "name"), attrOf(m, "content")])).toContainEqual(["color-scheme", "light dark"]);
    expect(issue(1).html).not.toContain("fonts.googleapis.com");
    expect(byTag("link")).toEqual([]);
  });

  it("renders the intro's Markdown-lite: bold and https links", () => {
    const { byTag } = parseHtml(issue(1).html);
    expect(byTag("strong").map(textOf)).toContain("Countdown");
    expect(attrOf(byTag("a").find((a) => textOf(a) === "der Übersicht")!, "href")).toBe("https://koepfe.example.org/2024/");
  });

  it("has a footer with the reason, the unsubscribe link (a placeholder), the web version and the Impressum", () => {
    const { byTag, doc } = parseHtml(issue(1).html);
    const text = textOf(doc);
    expect(text).toContain("Sie erhalten diese E-Mail, weil Sie den Newsletter „100 Köpfe 2024“ von Beispiel Verlag GmbH abonniert");
    expect(attrOf(byTag("a").find((a) => textOf(a) === "Newsletter abbestellen")!, "href")).toBe(issue(1).placeholders.unsubscribeUrl);
    expect(
      byTag("a")
        .filter((a) => textOf(a) === "Im Browser ansehen")
        .map((a) => attrOf(a, "href")),
    ).toEqual([issue(1).placeholders.webUrl, issue(1).placeholders.webUrl]);
    const impressum = byTag("p").find((p) => textOf(p).startsWith("Beispiel Verlag GmbH"));
    expect(impressum?.childNodes.map((n) => (n.nodeName === "#text" ? textOf(n) : n.nodeName))).toEqual([
      "Beispiel Verlag GmbH",
      "br",
      "Musterstraße 1, 80331 München",
      "br",
      "E-Mail:",
      "a",
    ]);
    expect(text).toContain("Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV: Erika Beispiel");
    expect(byTag("a").map((a) => attrOf(a, "href"))).toContain("mailto:redaktion@example.org");
  });

  it("carries the schedule and the web version URL", () => {
    expect(issue(1).sendAt).toBe("2024-12-02T07:00:00.000+01:00");
    expect(issue(2).webUrl).toBe("https://koepfe.example.org/2024/newsletter/2/");
    expect(issue(1).field).toBe("newsletter.issues[0]");
  });
});

describe("text part", () => {
  it("is readable on its own: heading, intro, each entry with its link, footer with unsubscribe and Impressum", () => {
    const { text, placeholders } = issue(1);
    expect(text).toContain("100 Köpfe 2024 · Ausgabe 1 · Montag, 2. Dezember 2024\nPlätze 6 bis 4\n");
    expect(text).toContain(
      `${placeholders.salutation}\n\nWillkommen zur Countdown-Ausgabe.\n\nMehr unter der Übersicht (https://koepfe.example.org/2024/).`,
    );
    expect(text).toContain("Platz 6 (neu in der Liste)\nFrank Ober\nGeschäftsführung, Datenfabrik GmbH · Medien\n");
    expect(text).toContain("Zum Profil von Frank Ober: https://koepfe.example.org/2024/frank-ober/\nText: Lena Beispiel");
    expect(text.indexOf("Frank Ober")).toBeLessThan(text.indexOf("Eva Lang"));
    expect(text).toContain(`Newsletter abbestellen: ${placeholders.unsubscribeUrl}`);
    expect(text).toContain(`Im Browser ansehen: ${placeholders.webUrl}`);
    expect(text).toContain(
      "Impressum\nBeispiel Verlag GmbH\nMusterstraße 1, 80331 München\nE-Mail: redaktion@example.org\nVerantwortlich für den Inhalt nach § 18 Abs. 2 MStV: Erika Beispiel",
    );
    expect(text).not.toMatch(/<[a-z]|&amp;|&quot;/);
  });

  it("writes the movement in words", () => {
    expect(issue(2).text).toContain("Platz 1 (2 Plätze gestiegen)\nDr. Anna Müller");
    expect(issue(2).text).toContain("Platz 2 (Platz gehalten)");
  });
});

describe("determinism", () => {
  it("compiles the same edition to the same bytes (the placeholder nonce comes from the content)", async () => {
    const edition = await loadFixture();
    const a = await compileIssues(edition, rankingOf(edition));
    const b = await compileIssues(edition, rankingOf(edition));
    expect(a[0]?.html).toBe(b[0]?.html);
    expect(a[0]?.placeholders.salutation).toMatch(/^%%KOEPFE_[0-9a-f]{20}_SALUTATION%%$/);
  }, 60_000);
});
