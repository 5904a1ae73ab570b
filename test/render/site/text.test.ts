import { describe, expect, it } from "vitest";
import { cut, initials, issueDate, movementView, paragraphs } from "../../../src/render/site/text.js";
import { teaserFor } from "../../../src/render/shared/teaser.js";
import { jsonLdScriptText } from "../../../src/render/site/jsonld.js";
import { link, rootOf } from "../../../src/render/shared/urls.js";

describe("site text", () => {
  it("splits paragraphs at blank lines and joins the lines inside one", () => {
    expect(paragraphs("Eins\nzwei.\n\n  \nDrei.\r\n")).toEqual(["Eins zwei.", "Drei."]);
  });

  it("cuts at a word boundary within the limit, ellipsis included", () => {
    expect(cut("Wer wagt, gewinnt meistens", 20)).toBe("Wer wagt, gewinnt…");
    expect(cut("kurz", 20)).toBe("kurz");
  });

  it("uses the teaser, else whole sentences of the laudation up to 300 characters", () => {
    const sentence = `${"Wort ".repeat(27)}Ende.`; // 140 characters
    expect(teaserFor({ laudation: `${sentence} ${sentence} ${sentence}` })).toBe(`${sentence} ${sentence}`);
    expect(teaserFor({ teaser: "Eigener Teaser.", laudation: sentence })).toBe("Eigener Teaser.");
  });

  it("formats an issue date in German in the edition's zone, and nothing for an issue without a time", () => {
    expect(issueDate("2024-12-02T07:00:00+01:00", "Europe/Berlin")).toEqual({ date: "Montag, 2. Dezember 2024", datetime: "2024-12-02" });
    expect(issueDate("2024-12-01T23:30:00Z", "Europe/Berlin")).toEqual({ date: "Montag, 2. Dezember 2024", datetime: "2024-12-02" });
    expect(issueDate("", "Europe/Berlin")).toEqual({ date: null, datetime: null });
  });

  it("labels movement for eyes and for screen readers", () => {
    expect(movementView({ kind: "up", by: 3 })).toEqual({ kind: "up", badge: "▲ 3", label: "3 Plätze gestiegen" });
    expect(movementView({ kind: "down", by: 1 })).toEqual({ kind: "down", badge: "▼ 1", label: "1 Platz gefallen" });
    expect(movementView({ kind: "new" }).badge).toBe("neu");
  });

  it("takes initials from the name words, not from titles", () => {
    expect(initials("Dr. Anna Müller")).toBe("AM");
    expect(initials("Prof. Dr. Renée Preuß-Lang")).toBe("RP");
    expect(initials("Özlem")).toBe("Ö");
  });

  it("escapes JSON-LD so it cannot close a script element, and it still parses to the same text", () => {
    const value = { name: "</script><!-- & \u2028" };
    const s = jsonLdScriptText(value);
    expect(s).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(s)).toEqual(value);
  });

  it("links pages relative to their folder depth", () => {
    expect(rootOf("")).toBe("");
    expect(rootOf("kategorie/medien/")).toBe("../../");
    expect(link("", "")).toBe("./");
    expect(link("../", "anna/")).toBe("../anna/");
  });
});
