import { beforeAll, describe, expect, it } from "vitest";
import { checkBudget } from "../../../src/render/newsletter/budget.js";
import { compileIssues } from "../../../src/render/newsletter/compile.js";
import { personalize } from "../../../src/render/newsletter/personalize.js";
import { fillPlan } from "../../../src/render/newsletter/placeholders.js";
import type { CompiledIssue } from "../../../src/render/newsletter/model.js";
import type { Edition } from "../../../src/edition/model.js";
import { loadFixture, rankingOf, templatesWith } from "../../helpers/newsletter.js";

const OPTIONS = { maxHtmlBytes: 90_000, listId: "koepfe-2024.example.org", unsubscribeBaseUrl: "https://koepfe.example.org/u/" };

let edition: Edition;
let issue: CompiledIssue;
beforeAll(async () => {
  edition = await loadFixture();
  [issue] = (await compileIssues(edition, rankingOf(edition))) as [CompiledIssue];
}, 60_000);

const codes = (i: CompiledIssue, options = OPTIONS) => checkBudget(i, options).problems.map((p) => p.code);
async function compiledWith(file: string, edit: (s: string) => string): Promise<CompiledIssue> {
  return (await compileIssues(edition, rankingOf(edition), { templatesDir: templatesWith(file, edit) }))[0] as CompiledIssue;
}

describe("checkBudget", () => {
  it("passes the built-in templates and measures the longest possible recipient", () => {
    const report = checkBudget(issue, OPTIONS);
    expect(report.problems).toEqual([]);
    const ordinary = personalize(issue, { email: "a@example.org", first_name: "Anna" }, { ...OPTIONS, secret: "x".repeat(32) });
    expect(report.htmlBytes).toBeGreaterThan(Buffer.byteLength(ordinary.html));
    // salutation: 80 × "&amp;" (400 bytes) instead of "Anna" (4); the one unsubscribe link's token carries the
    // address in base64url: 254 bytes → 339 characters instead of 13 bytes → 18
    expect(report.htmlBytes - Buffer.byteLength(ordinary.html)).toBe(396 + (339 - 18));
  });

  it("fails an issue over max_html_bytes, naming the issue and both figures", () => {
    const [p] = checkBudget(issue, { ...OPTIONS, maxHtmlBytes: 5_000 }).problems;
    const bytes = checkBudget(issue, OPTIONS).htmlBytes;
    expect(p).toMatchObject({
      file: "edition.json",
      field: "newsletter",
      code: "budget-html-size",
      severity: "error",
      value: String(bytes),
    });
    expect(p?.message).toBe(
      `issue 1: the HTML is ${bytes.toLocaleString("en-US")} bytes after personalisation, over the limit of 5,000 (newsletter.max_html_bytes): Gmail clips larger mails and hides the unsubscribe link; put fewer entries into this issue or shorten the teasers`,
    );
  });

  it("fails a subject over 78 characters and an empty preheader", () => {
    const long = checkBudget({ ...issue, subject: "x".repeat(79) }, OPTIONS).problems;
    expect(long.map((p) => [p.code, p.field, p.message])).toEqual([
      ["budget-subject-length", "newsletter.subject", "issue 1: the subject has 79 characters, more than 78: mail clients cut it off"],
    ]);
    expect(codes({ ...issue, subject: "ö".repeat(78) })).toEqual([]);
    expect(codes({ ...issue, preheader: " " })).toEqual(["budget-preheader"]);
  });

  it("fails an image without alt text and an http: link", async () => {
    const broken = await compiledWith("partials/header.mjml.hbs", (s) =>
      s.replace("<mj-column>", '<mj-column>\n    <mj-image src="http://example.org/logo.png" />'),
    );
    const problems = checkBudget(broken, OPTIONS).problems;
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ["budget-img-alt", "issue 1: an image has no alt text: http://example.org/logo.png"],
      ["budget-insecure-link", "issue 1: <img src> uses http: (only https is allowed): http://example.org/logo.png"],
    ]);
  }, 60_000);

  it('fails a mail without lang="de"', async () => {
    const broken = await compiledWith("layout.mjml.hbs", (s) => s.replace('<mjml lang="de">', '<mjml lang="en">'));
    expect(checkBudget(broken, OPTIONS).problems.map((p) => p.message)).toEqual([
      'issue 1: the <html> element must have lang="de" (found "en")',
    ]);
  }, 60_000);

  it("fails a web font (an external stylesheet)", async () => {
    const broken = await compiledWith("layout.mjml.hbs", (s) =>
      s
        .replace('<mj-all font-family="Helvetica, Arial, sans-serif" />', '<mj-all font-family="Roboto, Arial, sans-serif" />')
        .replace("<mj-attributes>", '<mj-font name="Roboto" href="https://fonts.googleapis.com/css?family=Roboto" />\n    <mj-attributes>'),
    );
    expect(codes(broken)).toContain("budget-external-style");
  }, 60_000);

  it("fails a mail whose footer lost the unsubscribe link", async () => {
    const broken = await compiledWith("partials/footer.mjml.hbs", (s) =>
      s.replace(/<a href="\{\{links\.unsubscribe\}\}"[^>]*>Newsletter abbestellen<\/a> · /, ""),
    );
    expect(checkBudget(broken, OPTIONS).problems.map((p) => p.message)).toEqual([
      "issue 1: the html part has no unsubscribe link (the footer template must use {{links.unsubscribe}})",
    ]);
  }, 60_000);

  it("fails a placeholder that something rewrote so the fill step cannot find it", () => {
    // what a minifier that URL-encodes hrefs would do to %%…%%
    const html = issue.html.replaceAll(issue.placeholders.webUrl, issue.placeholders.webUrl.replace(/%%$/, "%25%25"));
    const mangled = { ...issue, html, fill: { ...issue.fill, html: fillPlan(html, issue.placeholders) } };
    expect(codes(mangled)).toEqual(["budget-placeholder-left"]);
  });
});
