import { describe, it, expect } from "vitest";
import { rankingCsv, rankingJson } from "../../src/rank/export.js";
import { spreadsheetCsv } from "../../src/lib/csv-export.js";
import { rankEdition } from "../../src/rank/rank.js";
import { editionOf } from "../helpers/rank.js";

/** One cell as the export writes it (the header line and the BOM stripped). */
const csvCell = (value: string | number | null) => spreadsheetCsv(["x"], [[value]]).split("\r\n")[1];

describe("CSV export", () => {
  it("neutralises cells that Excel would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+49 89 123")).toBe("'+49 89 123");
    expect(csvCell("-cmd")).toBe("'-cmd");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe('"\'\r=1"');
  });

  it("keeps numbers numbers (decimal comma, negative jury scores) and quotes delimiters", () => {
    expect([csvCell(-0.5), csvCell(46.7), csvCell(3), csvCell(null)]).toEqual(["-0,5", "46,7", "3", ""]);
    expect(csvCell("Kranich; Söhne")).toBe('"Kranich; Söhne"');
  });

  it("writes a BOM, a header, semicolons and CRLF", () => {
    const edition = editionOf({
      nominees: [
        { id: "a", name: "=1+2", score: 8 },
        { id: "b", name: "Bernd", score: 4 },
      ],
      jury: null,
      previous: { a: 4 },
    });
    const text = rankingCsv(rankingJson(edition, rankEdition(edition)));
    expect(text).toBe(
      "\uFEFFid;name;rank;category;category_rank;points;jury;votes;ballots;movement;tie_broken_by\r\n" +
        "a;'=1+2;1;marketing;1;100;8;0;0;up 3;\r\n" +
        "b;Bernd;2;marketing;2;0;4;0;0;new;\r\n",
    );
  });
});

describe("JSON export", () => {
  it("has the shape of the issue: edition, method, entries in published order", () => {
    const edition = editionOf({
      nominees: [
        { id: "a", name: "Anna", score: 2 },
        { id: "b", name: "Bernd", score: 7 },
      ],
      jury: null,
      ranking: { rank_style: "dense" },
    });
    const json = rankingJson(edition, rankEdition(edition));
    expect(Object.keys(json)).toEqual(["edition", "method", "entries"]);
    expect(json.edition).toBe("100 Köpfe 2024");
    expect(json.method.rank_style).toBe("dense");
    expect(json.entries).toEqual([
      {
        id: "b",
        name: "Bernd",
        rank: 1,
        category: "marketing",
        category_rank: 1,
        points: 100,
        jury: 7,
        votes: 0,
        ballots: 0,
        movement: "new",
        tie_broken_by: null,
      },
      {
        id: "a",
        name: "Anna",
        rank: 2,
        category: "marketing",
        category_rank: 2,
        points: 0,
        jury: 2,
        votes: 0,
        ballots: 0,
        movement: "new",
        tie_broken_by: null,
      },
    ]);
  });
});
