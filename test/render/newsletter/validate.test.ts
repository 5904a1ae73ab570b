import { describe, expect, it } from "vitest";
import { checkEdition } from "../../../src/app/checked-edition.js";
import { newsletterProblems } from "../../../src/render/newsletter/validate.js";
import { writeEdition } from "../../helpers/edition.js";
import { loadFixture, newsletterConfig } from "../../helpers/newsletter.js";

const issue = (number: number, day: number, sel: Record<string, unknown>) => ({
  number,
  send_at: `2024-12-0${day}T07:00`,
  subject: `Ausgabe ${number}`,
  preheader: "Vorschau",
  ...sel,
});

/** The problems of `check` in the newsletter section, as [code, field] pairs. */
async function problemsOf(
  newsletter: Record<string, unknown>,
  change?: (c: Record<string, unknown>) => void,
  files: Record<string, string> = {},
) {
  const result = await checkEdition(writeEdition({ "edition.json": newsletterConfig(newsletter, change), ...files }));
  return result.problems.filter((p) => p.field?.startsWith("newsletter") || p.file.endsWith(".md"));
}
const pairs = (ps: { code: string; field: string | null }[]) => ps.map((p) => [p.code, p.field]);

describe("newsletterProblems", () => {
  it("accepts a valid plan, and an edition without a newsletter", async () => {
    const edition = await loadFixture({
      "edition.json": newsletterConfig({ issues: [issue(1, 2, { ranks: [4, 6] }), issue(2, 3, { ranks: [1, 3] })] }),
    });
    expect(newsletterProblems(edition)).toEqual([]);
    expect(newsletterProblems({ ...edition, config: { ...edition.config, newsletter: undefined } })).toEqual([]);
  });

  it("rejects ranks in unranked mode, naming the JSON path", async () => {
    const ps = await problemsOf({ issues: [issue(1, 2, { ranks: [1, 6] })] }, (c) => {
      (c["ranking"] as Record<string, unknown>)["mode"] = "unranked";
    });
    expect(pairs(ps)).toContainEqual(["ranks-in-unranked-mode", "newsletter.issues[0].ranks"]);
  });

  it("rejects ranks beyond the list", async () => {
    const ps = await problemsOf({ issues: [issue(1, 2, { ranks: [1, 10] })] });
    const p = ps.find((x) => x.code === "rank-out-of-range");
    expect(p?.field).toBe("newsletter.issues[0].ranks");
    expect(p?.message).toBe("newsletter.issues[0].ranks [1, 10] is outside the list: ranks run from 1 to 6");
  });

  it("rejects an unknown category with a suggestion, and unknown or repeated ids", async () => {
    const unranked = (c: Record<string, unknown>) => {
      (c["ranking"] as Record<string, unknown>)["mode"] = "unranked";
    };
    const ps = await problemsOf(
      { issues: [issue(1, 2, { category: "marketng" }), issue(2, 3, { ids: ["eva-lang", "eva-lagn", "eva-lang"] })] },
      unranked,
    );
    expect(ps.find((p) => p.code === "unknown-category")?.message).toBe(
      'newsletter.issues[0].category "marketng" is not in edition.json categories (did you mean "marketing"?)',
    );
    expect(pairs(ps.filter((p) => p.code === "unknown-nominee" || p.code === "duplicate-id"))).toEqual([
      ["duplicate-id", "newsletter.issues[1].ids[2]"],
      ["unknown-nominee", "newsletter.issues[1].ids[1]"],
    ]);
  });

  it("requires exactly one way of selecting entries", async () => {
    const ps = await problemsOf({ issues: [issue(1, 2, {}), issue(2, 3, { ranks: [1, 6], category: "medien" })] });
    expect(ps.filter((p) => p.code === "issue-selection").map((p) => p.message)).toEqual([
      "newsletter.issues[0] selects no entries: give ranks [from, to], a category or a list of ids",
      "newsletter.issues[1] selects by ranks and category: give only one of them",
    ]);
  });

  it("rejects duplicate issue numbers", async () => {
    const ps = await problemsOf({ issues: [issue(1, 2, { ranks: [4, 6] }), issue(1, 3, { ranks: [1, 3] })] });
    expect(ps.find((p) => p.code === "duplicate-issue-number")?.message).toBe(
      "newsletter.issues[1].number 1 is already used by newsletter.issues[0]",
    );
  });

  it("rejects a subject longer than 78 characters", async () => {
    const subject = `100 Köpfe 2024: ${"x".repeat(63)}`;
    const ps = await problemsOf({ issues: [{ ...issue(1, 2, { ranks: [1, 6] }), subject }] });
    expect(ps.find((p) => p.code === "subject-too-long")).toMatchObject({
      field: "newsletter.issues[0].subject",
      message: "newsletter.issues[0].subject has 79 characters; at most 78 fit in a mail client's subject line",
    });
  });

  it("rejects a send_at or start_at that is not a local ISO date-time", async () => {
    const ps = await problemsOf({ start_at: "morgen", issues: [{ ...issue(1, 2, { ranks: [1, 6] }), send_at: "02.12.2024 07:00" }] });
    expect(pairs(ps.filter((p) => p.code === "invalid-send-at"))).toContainEqual(["invalid-send-at", "newsletter.start_at"]);
    expect(pairs(ps.filter((p) => p.code === "invalid-send-at"))).toContainEqual(["invalid-send-at", "newsletter.issues[0].send_at"]);
  });

  it("warns about intro links that are not https, at the intro's line", async () => {
    const ps = await problemsOf({ issues: [issue(1, 2, { ranks: [1, 6], intro: "newsletter/01.md" })] }, undefined, {
      "newsletter/01.md": "Hallo.\n\nSiehe [hier](http://example.org/) und [dort](https://example.org/).\n",
    });
    expect(ps.map((p) => [p.file, p.line, p.code, p.severity])).toEqual([["newsletter/01.md", 3, "invalid-url", "warning"]]);
  });
});
