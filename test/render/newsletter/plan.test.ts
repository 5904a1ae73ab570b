import { beforeAll, describe, expect, it } from "vitest";
import { defaultIssues, planIssues, selectEntries } from "../../../src/render/newsletter/plan.js";
import type { Edition } from "../../../src/edition/model.js";
import { loadFixture, newsletterConfig, rankingOf } from "../../helpers/newsletter.js";

let edition: Edition;
beforeAll(async () => {
  edition = await loadFixture();
}, 30_000);

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
const issue = (sel: Record<string, unknown>) => ({ number: 1, send_at: "2024-12-02T07:00", subject: "S", preheader: "P", ...sel });

describe("selectEntries", () => {
  it("takes a block of ranks in countdown order, in either notation", () => {
    const ranking = rankingOf(edition);
    expect(ids(selectEntries(issue({ ranks: [4, 6] }), ranking))).toEqual(["frank-ober", "eva-lang", "deniz-oezdemir"]);
    expect(ids(selectEntries(issue({ ranks: [6, 4] }), ranking))).toEqual(["frank-ober", "eva-lang", "deniz-oezdemir"]);
  });

  it("keeps tied entries together and in published order", () => {
    // competition ranks 1, 2, 2, 4, 5, 6
    const ranking = rankingOf(edition, { ranks: [1, 2, 2, 4, 5, 6] });
    expect(ids(selectEntries(issue({ ranks: [2, 4] }), ranking))).toEqual(["deniz-oezdemir", "bernd-schaefer", "clara-weiss"]);
    expect(ids(selectEntries(issue({ ranks: [3, 3] }), ranking))).toEqual([]);
  });

  it("selects a category (published order in unranked mode)", () => {
    const ranking = rankingOf(edition, { mode: "unranked" });
    expect(ids(selectEntries(issue({ category: "medien" }), ranking))).toEqual(["clara-weiss", "deniz-oezdemir", "frank-ober"]);
  });

  it("keeps an ids list in its written order", () => {
    const ranking = rankingOf(edition, { mode: "unranked" });
    expect(ids(selectEntries(issue({ ids: ["frank-ober", "anna-mueller"] }), ranking))).toEqual(["frank-ober", "anna-mueller"]);
  });
});

describe("defaultIssues", () => {
  it("makes one countdown issue for a list of up to ten places, unscheduled without start_at", () => {
    const plan = defaultIssues(edition, rankingOf(edition));
    expect(plan).toEqual([
      {
        number: 1,
        send_at: "",
        subject: "100 Köpfe 2024: Plätze 6 bis 1",
        preheader: "Plätze 6 bis 1: wer es in die 100 Köpfe 2024 geschafft hat.",
        ranks: [1, 6],
      },
    ]);
  });

  it("counts down in blocks of ten places, the top ten last; one day apart from start_at across the DST change", async () => {
    const scheduled = await loadFixture({ "edition.json": newsletterConfig({ start_at: "2025-03-29T07:00" }) });
    const ranking = rankingOf(scheduled, { ranks: [1, 2, 3, 11, 12, 23] });
    const plan = defaultIssues(scheduled, ranking);
    expect(plan.map((p) => [p.number, p.ranks, p.subject, p.send_at])).toEqual([
      [1, [21, 23], "100 Köpfe 2024: Plätze 23 bis 21", "2025-03-29T07:00"],
      [2, [11, 20], "100 Köpfe 2024: Plätze 20 bis 11", "2025-03-30T07:00"],
      [3, [1, 10], "100 Köpfe 2024: Plätze 10 bis 1", "2025-03-31T07:00"],
    ]);
    expect(planIssues(scheduled, ranking).map((p) => [p.field, ids(p.entries)])).toEqual([
      ["newsletter", ["frank-ober"]],
      ["newsletter", ["eva-lang", "deniz-oezdemir"]],
      ["newsletter", ["clara-weiss", "bernd-schaefer", "anna-mueller"]],
    ]);
  });

  it("skips blocks nobody is in", () => {
    const ranking = rankingOf(edition, { ranks: [1, 2, 3, 4, 5, 31] });
    expect(defaultIssues(edition, ranking).map((p) => p.ranks)).toEqual([
      [31, 31],
      [1, 10],
    ]);
    expect(defaultIssues(edition, ranking)[0]?.subject).toBe("100 Köpfe 2024: Platz 31");
  });

  it("reveals at most the top 100 in ten issues, however long the list", () => {
    const ranking = rankingOf(edition, { ranks: [1, 50, 100, 101, 150, 9999] });
    const plan = defaultIssues(edition, ranking);
    expect(plan.map((p) => p.ranks)).toEqual([
      [91, 100],
      [41, 50],
      [1, 10],
    ]);
    expect(planIssues(edition, ranking).flatMap((p) => p.entries.map((e) => e.rank))).toEqual([100, 50, 1]);
  });

  it("makes one issue per category in unranked mode", () => {
    const plan = defaultIssues(edition, rankingOf(edition, { mode: "unranked" }));
    expect(plan.map((p) => [p.number, p.category, p.subject])).toEqual([
      [1, "marketing", "100 Köpfe 2024: Marketing"],
      [2, "medien", "100 Köpfe 2024: Medien"],
    ]);
  });
});

describe("planIssues", () => {
  it("uses the configured issues with their JSON path", async () => {
    const configured = await loadFixture({
      "edition.json": newsletterConfig({
        issues: [
          issue({ number: 7, ranks: [3, 6] }),
          issue({ number: 8, ranks: [1, 2], send_at: "2024-12-03T07:00" }),
          issue({ number: 9, ids: ["eva-lang"], send_at: "2024-12-04T07:00" }),
        ],
      }),
    });
    const plan = planIssues(configured, rankingOf(configured));
    expect(plan.map((p) => [p.issue.number, p.field, ids(p.entries)])).toEqual([
      [7, "newsletter.issues[0]", ["frank-ober", "eva-lang", "deniz-oezdemir", "clara-weiss"]],
      [8, "newsletter.issues[1]", ["bernd-schaefer", "anna-mueller"]],
      [9, "newsletter.issues[2]", ["eva-lang"]],
    ]);
  });
});
