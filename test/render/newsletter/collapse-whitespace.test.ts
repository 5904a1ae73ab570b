import { describe, expect, it } from "vitest";
import { collapseWhitespace, mjmlToHtml } from "../../../src/render/newsletter/mjml.js";

describe("collapseWhitespace", () => {
  it("turns a run with a line break into that line break and other runs into one space", () => {
    expect(collapseWhitespace("<td>\n    \n  <p>Anna   Müller,\t\tCEO</p>  \n</td>")).toBe("<td>\n<p>Anna Müller, CEO</p>\n</td>");
  });

  it("keeps Outlook's conditional comments and single spaces between inline elements", () => {
    const html = '<!--[if mso | IE]><table><tr><td><![endif]-->\n   <a href="x">Profil</a> <span>lesen</span>';
    expect(collapseWhitespace(html)).toBe('<!--[if mso | IE]><table><tr><td><![endif]-->\n<a href="x">Profil</a> <span>lesen</span>');
  });

  it("leaves a mail with pre-formatted text as it is", () => {
    const html = "<pre>  zwei  Leerzeichen\n    eingerückt</pre>";
    expect(collapseWhitespace(html)).toBe(html);
    expect(collapseWhitespace('<div style="white-space: pre">a  b</div>')).toBe('<div style="white-space: pre">a  b</div>');
  });

  it("is what a compiled mail gets: no run of spaces, no blank line", async () => {
    const result = await mjmlToHtml(
      "<mjml><mj-body><mj-section><mj-column><mj-text>Hallo   Welt</mj-text></mj-column></mj-section></mj-body></mjml>",
    );
    if (!result.ok) throw new Error("MJML failed");
    expect(result.html).toContain("Hallo Welt");
    expect(result.html).not.toMatch(/[ \t]{2,}|\n[ \t]*\n/);
  });
});
