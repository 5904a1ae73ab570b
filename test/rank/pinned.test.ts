import { describe, expect, it } from "vitest";
import { RankingConfig } from "../../src/edition/config-schema.js";
import type { Nominee } from "../../src/edition/model.js";
import type { PublishedPlace, RankedEntry, Ranking } from "../../src/rank/model.js";
import { pinPublished } from "../../src/rank/pinned.js";

/** A ranking as the data give it: ids in order, ranks as given (ties share one), categories as given. */
function ranking(
  rows: [id: string, rank: number, category: string, tieBrokenBy?: string][],
  style: "competition" | "dense" | "ordinal",
): Ranking {
  const entries = rows.map(
    ([id, rank, category, tie], i): RankedEntry => ({
      id,
      nominee: { id, name: id.toUpperCase(), category } as unknown as Nominee,
      position: i + 1,
      rank,
      category_rank: null,
      points: 100 - i,
      jury: null,
      votes: 0,
      ballots: 0,
      movement: { kind: "new" },
      tie_broken_by: tie ?? null,
    }),
  );
  return { mode: "ranked", method: RankingConfig.parse({ rank_style: style }), entries };
}

function published(id: string, position: number, rank: number, category: string, categoryRank: number): PublishedPlace {
  return {
    id,
    issue: 1,
    publishedAt: "2024-12-01T06:00:00.000Z",
    position,
    rank,
    points: 50,
    category,
    categoryRank,
    name: id.toUpperCase(),
    company: "",
    role: "",
  };
}

const view = (r: Ranking) => r.entries.map((e) => [e.id, e.position, e.rank, e.category_rank]);

describe("pinPublished", () => {
  it("keeps the published places and ranks the others into the places left, in their order", () => {
    // the data now put j (published at 6) first; h and i (published at 4 and 5) keep theirs
    const now = ranking(
      [
        ["j", 1, "x"],
        ["a", 2, "x"],
        ["b", 3, "y"],
        ["c", 4, "x"],
        ["h", 5, "y"],
        ["i", 6, "x"],
      ],
      "competition",
    );
    const pinned = pinPublished(
      now,
      [published("h", 4, 4, "y", 2), published("i", 5, 5, "x", 3), published("j", 6, 6, "x", 4)],
      () => undefined,
    );
    expect(view(pinned)).toEqual([
      ["a", 1, 1, 1],
      ["b", 2, 2, 1],
      ["c", 3, 3, 2],
      ["h", 4, 4, 2],
      ["i", 5, 5, 3],
      ["j", 6, 6, 4],
    ]);
    expect(pinned.entries.filter((e) => e.published).map((e) => e.id)).toEqual(["h", "i", "j"]);
  });

  it("keeps a tie between entries that stay neighbours, in competition and dense style", () => {
    // p went out at place 6; the data now put p second: a to e move up, their ties kept
    const rows: [string, number, string, string?][] = [
      ["a", 1, "x"],
      ["p", 2, "x"],
      ["b", 3, "x"],
      ["c", 3, "x", "sort_name"],
      ["d", 5, "x"],
      ["e", 5, "x", "sort_name"],
    ];
    const pins = [published("p", 6, 6, "x", 6)];
    expect(view(pinPublished(ranking(rows, "competition"), pins, () => undefined))).toEqual([
      ["a", 1, 1, 1],
      ["b", 2, 2, 2],
      ["c", 3, 2, 2],
      ["d", 4, 4, 4],
      ["e", 5, 4, 4],
      ["p", 6, 6, 6],
    ]);
    expect(view(pinPublished(ranking(rows, "dense"), pins, () => undefined))).toEqual([
      ["a", 1, 1, 1],
      ["b", 2, 2, 2],
      ["c", 3, 2, 2],
      ["d", 4, 3, 3],
      ["e", 5, 3, 3],
      ["p", 6, 6, 6],
    ]);
    expect(pinPublished(ranking(rows, "ordinal"), pins, () => undefined).entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("breaks a tie whose partner was the published entry between them", () => {
    const rows: [string, number, string, string?][] = [
      ["a", 1, "x"],
      ["b", 2, "x"],
      ["p", 2, "x", "sort_name"],
      ["c", 2, "x", "sort_name"],
    ];
    const pins = [published("p", 4, 4, "x", 4)];
    expect(view(pinPublished(ranking(rows, "competition"), pins, () => undefined))).toEqual([
      ["a", 1, 1, 1],
      ["b", 2, 2, 2],
      ["c", 3, 3, 3],
      ["p", 4, 4, 4],
    ]);
    expect(pinPublished(ranking(rows, "dense"), pins, () => undefined).entries.map((e) => e.rank)).toEqual([1, 2, 3, 4]);
  });

  it("places every entry exactly once in a long list", () => {
    const rows = Array.from({ length: 10_000 }, (_, i): [string, number, string] => [`n${i}`, i + 1, i % 3 === 0 ? "x" : "y"]);
    const pins = Array.from({ length: 10 }, (_, i) => published(`n${i * 7}`, 10_000 - i, 10_000 - i, "x", 4000 - i));
    const pinned = pinPublished(ranking(rows, "competition"), pins, () => undefined);
    expect(pinned.entries.map((e) => e.position)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    expect(new Set(pinned.entries.map((e) => e.id)).size).toBe(10_000);
    expect(pinned.entries.at(-1)).toMatchObject({ id: "n0", rank: 10_000, category_rank: 4000 });
    expect(pinned.entries[0]).toMatchObject({ id: "n1", rank: 1, category_rank: 1 });
  });
});
