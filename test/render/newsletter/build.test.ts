import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepareNewsletters, writeWebVersions } from "../../../src/render/newsletter/build.js";
import { compileIssues } from "../../../src/render/newsletter/compile.js";
import { baseConfig } from "../../helpers/edition.js";
import { attrOf, loadFixture, newsletterConfig, parseHtml, rankingOf, textOf } from "../../helpers/newsletter.js";

const out = () => mkdtempSync(path.join(tmpdir(), "koepfe-nl-out-"));
const issue = (number: number, day: number, ranks: [number, number]) => ({
  number,
  send_at: `2024-12-0${day}T07:00`,
  subject: `100 Köpfe 2024: Teil ${number}`,
  preheader: "Vorschau",
  ranks,
});
const TWO_ISSUES = newsletterConfig({ issues: [issue(1, 2, [4, 6]), issue(2, 3, [1, 3])] });

/** Prepares every issue and writes the web versions of all of them, as a build at the end of the countdown does. */
async function buildNewsletters(
  edition: Parameters<typeof prepareNewsletters>[0],
  ranking: Parameters<typeof prepareNewsletters>[1],
  dir: string,
) {
  const prepared = await prepareNewsletters(edition, ranking);
  const files = await writeWebVersions(dir, prepared.issues);
  return {
    issues: prepared.issues.map((i) => i.summary),
    files,
    problems: prepared.problems,
    compiled: prepared.issues.map((i) => i.compiled),
  };
}

describe("prepareNewsletters", () => {
  it("compiles every issue and makes its web version; no mail template is written beside it", async () => {
    const edition = await loadFixture({ "edition.json": TWO_ISSUES });
    const ranking = rankingOf(edition);
    const dir = out();
    const result = await buildNewsletters(edition, ranking, dir);
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual(["newsletter/1/index.html", "newsletter/2/index.html"]);
    for (const f of result.files) expect(existsSync(path.join(dir, f))).toBe(true);
    expect(existsSync(path.join(dir, "newsletter/1/mail.html"))).toBe(false);
    expect(result.issues.map((i) => [i.number, i.path, i.webUrl, i.sendAt, i.entryIds])).toEqual([
      [
        1,
        "newsletter/1/",
        "https://koepfe.example.org/2024/newsletter/1/",
        "2024-12-02T07:00:00.000+01:00",
        ["frank-ober", "eva-lang", "deniz-oezdemir"],
      ],
      [
        2,
        "newsletter/2/",
        "https://koepfe.example.org/2024/newsletter/2/",
        "2024-12-03T07:00:00.000+01:00",
        ["clara-weiss", "bernd-schaefer", "anna-mueller"],
      ],
    ]);
    const web = readFileSync(path.join(dir, "newsletter/1/index.html"), "utf8");
    expect(result.issues[0]?.webVersionBytes).toBe(Buffer.byteLength(web));
    // the compiled issue keeps its placeholders (for the state folder), the web version has none
    const [compiled] = await compileIssues(edition, ranking);
    expect(result.compiled[0]?.html).toBe(compiled?.html);
    expect(result.compiled[0]?.text).toContain(compiled?.placeholders.unsubscribeUrl);
    expect(web).not.toContain("%%KOEPFE_");
  }, 60_000);

  it("makes the web version neutral: no salutation by name, no personal link, no placeholder", async () => {
    const edition = await loadFixture({ "edition.json": TWO_ISSUES });
    const dir = out();
    await buildNewsletters(edition, rankingOf(edition), dir);
    const web = readFileSync(path.join(dir, "newsletter/2/index.html"), "utf8");
    const { byTag } = parseHtml(web);
    expect(byTag("p").map(textOf)).toContain("Guten Tag,");
    expect(web).not.toContain("%%KOEPFE_");
    expect(
      byTag("a")
        .filter((a) => textOf(a) === "Newsletter abbestellen")
        .map((a) => attrOf(a, "href")),
    ).toEqual(["mailto:unsubscribe@example.org?subject=Abmelden"]);
    expect(
      byTag("a")
        .filter((a) => textOf(a) === "Im Browser ansehen")
        .map((a) => attrOf(a, "href")),
    ).toEqual(["https://koepfe.example.org/2024/newsletter/2/", "https://koepfe.example.org/2024/newsletter/2/"]);
  }, 60_000);

  it("returns budget problems (the caller fails the build)", async () => {
    const edition = await loadFixture({
      "edition.json": newsletterConfig({ max_html_bytes: 5_000, issues: [issue(1, 2, [4, 6]), issue(2, 3, [1, 3])] }),
    });
    const result = await buildNewsletters(edition, rankingOf(edition), out());
    expect(result.problems.map((p) => [p.code, p.field, p.message.slice(0, 20)])).toEqual([
      ["budget-html-size", "newsletter.issues[0]", "issue 1: the HTML is"],
      ["budget-html-size", "newsletter.issues[1]", "issue 2: the HTML is"],
    ]);
  }, 60_000);

  it("reports an issue whose rank block is empty because of a tie", async () => {
    const edition = await loadFixture({
      "edition.json": newsletterConfig({ issues: [issue(1, 2, [3, 6]), issue(2, 3, [2, 2]), issue(3, 4, [1, 1])] }),
    });
    // competition ranks 1, 1, 3, 4, 5, 6: nobody holds place 2
    const result = await buildNewsletters(edition, rankingOf(edition, { ranks: [1, 1, 3, 4, 5, 6] }), out());
    expect(result.problems.map((p) => [p.code, p.field, p.message])).toEqual([
      ["issue-empty", "newsletter.issues[1]", "issue 2 selects no entries: check its ranks, category or ids against the ranking"],
    ]);
  }, 60_000);

  it("writes nothing for an edition without a newsletter section", async () => {
    const edition = await loadFixture({ "edition.json": JSON.stringify(baseConfig()) });
    const dir = out();
    expect(await buildNewsletters(edition, rankingOf(edition), dir)).toEqual({ issues: [], files: [], problems: [], compiled: [] });
    expect(existsSync(path.join(dir, "newsletter"))).toBe(false);
  });
});
