import { beforeAll, describe, expect, it } from "vitest";
import { compileIssues } from "../../../src/render/newsletter/compile.js";
import { personalize, salutationText, webVersion } from "../../../src/render/newsletter/personalize.js";
import type { CompiledIssue } from "../../../src/render/newsletter/model.js";
import { verifyUnsubscribeToken } from "../../../src/lib/token.js";
import { attrOf, loadFixture, parseHtml, rankingOf, textOf } from "../../helpers/newsletter.js";

const SECRET = "test-secret-0123456789abcdef";
const LIST = "koepfe-2024.example.org";
const BASE = "https://koepfe.example.org/u/";
const ctx = { secret: SECRET, listId: LIST, unsubscribeBaseUrl: BASE };

let issue: CompiledIssue;
beforeAll(async () => {
  const edition = await loadFixture();
  [issue] = (await compileIssues(edition, rankingOf(edition))) as [CompiledIssue];
}, 60_000);

const link = (html: string, label: string) => {
  const a = parseHtml(html)
    .byTag("a")
    .filter((x) => textOf(x) === label);
  return a.map((x) => attrOf(x, "href"));
};

describe("salutationText", () => {
  it("greets by first name, else neutrally", () => {
    expect(salutationText("Anna")).toBe("Hallo Anna,");
    expect(salutationText("  Anna  Lena ")).toBe("Hallo Anna Lena,");
    expect(salutationText(undefined)).toBe("Guten Tag,");
    expect(salutationText("   ")).toBe("Guten Tag,");
  });
});

describe("personalize", () => {
  it("fills the salutation in both parts", () => {
    const mail = personalize(issue, { email: "anna@example.org", first_name: "Anna" }, ctx);
    expect(parseHtml(mail.html).byTag("p").map(textOf)).toContain("Hallo Anna,");
    expect(mail.text).toContain("\nHallo Anna,\n");
    const neutral = personalize(issue, { email: "x@example.org" }, ctx);
    expect(parseHtml(neutral.html).byTag("p").map(textOf)).toContain("Guten Tag,");
  });

  it("signs the unsubscribe URL with the recipient's token, which verifies to the address", () => {
    const mail = personalize(issue, { email: "Anna.Schmidt@Example.ORG", first_name: "Anna" }, ctx);
    expect(mail.unsubscribeUrl.startsWith(BASE)).toBe(true);
    const token = mail.unsubscribeUrl.slice(BASE.length);
    expect(verifyUnsubscribeToken(SECRET, LIST, token)).toBe("Anna.Schmidt@example.org");
    expect(verifyUnsubscribeToken("another-secret-0123456789", LIST, token)).toBeNull();
    expect(link(mail.html, "Newsletter abbestellen")).toEqual([mail.unsubscribeUrl]);
    expect(mail.text).toContain(`Newsletter abbestellen: ${mail.unsubscribeUrl}\n`);
  });

  it("gives different recipients different tokens", () => {
    const a = personalize(issue, { email: "a@example.org" }, ctx);
    const b = personalize(issue, { email: "b@example.org" }, ctx);
    expect(a.unsubscribeUrl).not.toBe(b.unsubscribeUrl);
  });

  it("fills the web version links", () => {
    const mail = personalize(issue, { email: "a@example.org" }, ctx);
    expect(link(mail.html, "Im Browser ansehen")).toEqual([
      "https://koepfe.example.org/2024/newsletter/1/",
      "https://koepfe.example.org/2024/newsletter/1/",
    ]);
    expect(mail.text).toContain("Im Browser ansehen: https://koepfe.example.org/2024/newsletter/1/\n");
  });

  it("leaves no placeholder", () => {
    const mail = personalize(issue, { email: "a@example.org", first_name: "A" }, ctx);
    expect(mail.html).not.toContain("%%KOEPFE_");
    expect(mail.text).not.toContain("%%KOEPFE_");
  });

  it("escapes the first name in the HTML part only", () => {
    const mail = personalize(issue, { email: "a@example.org", first_name: `<b>Tom</b> & "Jerry"` }, ctx);
    const { byTag } = parseHtml(mail.html);
    expect(byTag("b")).toEqual([]);
    expect(byTag("p").map(textOf)).toContain(`Hallo <b>Tom</b> & "Jerry",`);
    expect(mail.text).toContain(`Hallo <b>Tom</b> & "Jerry",`);
  });

  it("does not fill a first name that spells a placeholder a second time", () => {
    const mail = personalize(issue, { email: "a@example.org", first_name: issue.placeholders.unsubscribeUrl }, ctx);
    expect(mail.text).toContain(`Hallo ${issue.placeholders.unsubscribeUrl},`);
    expect(link(mail.html, "Newsletter abbestellen")).toEqual([mail.unsubscribeUrl]);
  });
});

describe("webVersion", () => {
  it("greets neutrally and has no personal link: unsubscribing goes to the unsubscribe address", () => {
    const html = webVersion(issue, "unsubscribe@example.org");
    expect(parseHtml(html).byTag("p").map(textOf)).toContain("Guten Tag,");
    expect(link(html, "Newsletter abbestellen")).toEqual(["mailto:unsubscribe@example.org?subject=Abmelden"]);
    expect(html).not.toContain("https://koepfe.example.org/u/");
    expect(html).not.toContain("%%KOEPFE_");
  });
});
