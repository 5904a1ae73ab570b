import { describe, it, expect } from "vitest";
import { readdirSync } from "node:fs";
import iconv from "iconv-lite";
import { checkEdition } from "../../src/app/checked-edition.js";
import { writeEdition, configWith, csv, baseFiles, LAUDATION } from "../helpers/edition.js";

const NOMINEE_HEADER = ["id", "name", "gender", "role", "company", "category", "author_id", "laudation", "photo", "photo_credit"];
type Row = Partial<Record<(typeof NOMINEE_HEADER)[number], string>>;
const row = (r: Row) =>
  NOMINEE_HEADER.map(
    (h) =>
      r[h] ??
      {
        id: "x-y",
        name: "X Y",
        gender: "w",
        role: "CEO",
        company: "Solo GmbH",
        category: "marketing",
        author_id: "lbeispiel",
        laudation: LAUDATION,
      }[h] ??
      "",
  );

/** nominees.csv of the base edition plus extra rows; base rows span 3 lines each, so extras start at line 20, 23, 26 … */
function nomineesWith(...extra: Row[]): string {
  const base = String(baseFiles()["nominees.csv"]);
  return base + csv(extra.map(row)).replace(/^/, "");
}

async function codes(overrides: Record<string, string | Buffer | null>) {
  const result = await checkEdition(writeEdition(overrides));
  return result.problems.map((p) => [p.file, p.line, p.column, p.code, p.severity] as const);
}

describe("koepfe check: the base edition", () => {
  it("has no problems", async () => {
    const result = await checkEdition(writeEdition());
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

describe("koepfe check: nominees.csv", () => {
  it("points at the line and column of an unknown author and suggests the closest id", async () => {
    const result = await checkEdition(writeEdition({ "nominees.csv": nomineesWith({ id: "gisela-neu", author_id: "lbeispel" }) }));
    expect(result.problems.filter((p) => p.code !== "below-quorum")).toEqual([
      expect.objectContaining({
        file: "nominees.csv",
        line: 20,
        column: 7,
        field: "author_id",
        code: "unknown-author",
        value: "lbeispel",
        message: 'author_id "lbeispel" is not in authors.csv (did you mean "lbeispiel"?)',
      }),
    ]);
  });

  it("locates a problem after a multi-line quoted laudation at the record's first line", async () => {
    // every base row's laudation spans 3 physical lines, so the 7th record starts on line 20
    const base = csv([
      NOMINEE_HEADER,
      ...Array.from({ length: 6 }, (_, i) => row({ id: `p-${i}`, name: `Person ${i}`, company: `Firma ${i}` })),
      row({ id: "p-bad", name: "Person Bad", company: "Firma Bad", category: "sport" }),
    ]);
    const result = await checkEdition(
      writeEdition({
        "nominees.csv": base,
        "jury.csv": null,
        "votes.csv": null,
        "edition.json": configWith((c) => {
          (c["ranking"] as Record<string, unknown>)["quorum"] = 0;
        }),
      }),
    );
    const unknown = result.problems.find((p) => p.code === "unknown-category");
    expect([unknown?.line, unknown?.column]).toEqual([20, 6]);
  });

  it("reports each bad field of a row with its own code", async () => {
    const found = await codes({
      "nominees.csv": nomineesWith(
        { id: "Bad Id", name: "Zeile\u000bUmbruch", company: "A GmbH" },
        { id: "kurz", name: "Kurz Laudatio", company: "B GmbH", laudation: "Zu kurz." },
        { id: "js-link", name: "JS Link", company: "C GmbH", photo: "photos/../../etc/passwd", photo_credit: "x" },
        { id: "fehlt-foto", name: "Fehlt Foto", company: "D GmbH", photo: "photos/fehlt.jpg" },
        { id: "gender-x", name: "Gender X", company: "E GmbH", gender: "x" },
      ),
    });
    expect(found).toEqual(
      expect.arrayContaining([
        ["nominees.csv", 20, 1, "invalid-id", "error"],
        ["nominees.csv", 20, 2, "control-character", "error"],
        ["nominees.csv", 23, 8, "too-short", "error"],
        ["nominees.csv", 24, 9, "invalid-photo", "error"],
        ["nominees.csv", 27, 9, "photo-missing", "error"],
        ["nominees.csv", 27, 10, "photo-without-credit", "error"],
        ["nominees.csv", 30, 3, "invalid-value", "error"],
      ]),
    );
  });

  it("accepts only https URLs: javascript: and http: are rejected", async () => {
    const header = [...NOMINEE_HEADER, "linkedin", "website"];
    const mk = (id: string, linkedin: string, website: string) => [
      ...row({ id, name: `N ${id}`, company: `Firma ${id}` }),
      linkedin,
      website,
    ];
    const found = await codes({
      "nominees.csv": csv([
        header,
        mk("a-a", "javascript:alert(1)", "http://example.org/"),
        mk("b-b", "https://example.org/in/b", "https://example.org/"),
      ]),
    });
    expect(found.filter(([, , , code]) => code === "invalid-url")).toEqual([
      ["nominees.csv", 2, 11, "invalid-url", "error"],
      ["nominees.csv", 2, 12, "invalid-url", "error"],
    ]);
  });

  it("reports duplicate ids with the line of the first", async () => {
    const result = await checkEdition(
      writeEdition({ "nominees.csv": nomineesWith({ id: "anna-mueller", name: "Andere Person", company: "X AG" }) }),
    );
    expect(result.problems.find((p) => p.code === "duplicate-id")?.message).toContain("first on line 2");
  });

  it("finds one person entered twice under different spellings (DIN 5007-2 folding, titles dropped)", async () => {
    const found = await codes({
      "nominees.csv": nomineesWith(
        { id: "anna-mueller-2", name: "Anna Mueller", company: "nordlicht media gmbh" },
        { id: "anna-mueller-3", name: "Prof. Anna Müller", company: "Anderswo AG" },
      ),
    });
    expect(found).toEqual(
      expect.arrayContaining([
        ["nominees.csv", 20, 2, "duplicate-person", "error"],
        ["nominees.csv", 23, 2, "possible-duplicate-person", "warning"],
      ]),
    );
  });
});

describe("koepfe check: editorial rules", () => {
  it("enforces max_per_company, gender balance and category sizes", async () => {
    const found = await codes({
      "edition.json": configWith((c) => {
        c["rules"] = { max_per_company: 1, gender_balance: { min_share: 0.5 } };
        c["categories"] = [
          { id: "marketing", name: "Marketing", size: 3 },
          { id: "medien", name: "Medien", size: 4 },
        ];
      }),
      "nominees.csv": nomineesWith({ id: "zweite-nordlicht", name: "Zweite Nordlicht", gender: "w", company: " Nordlicht  Media GmbH" }),
      "jury.csv": null,
      "votes.csv": null,
    });
    expect(found).toEqual(
      expect.arrayContaining([
        ["nominees.csv", 20, 5, "rule-max-per-company", "error"],
        ["nominees.csv", null, null, "rule-gender-balance", "error"],
        ["edition.json", null, null, "rule-category-size", "error"],
      ]),
    );
  });
});

describe("koepfe check: edition.json", () => {
  it("locates a JSON syntax error by line and column", async () => {
    const found = await codes({ "edition.json": '{\n  "title": "x",\n  "year": 2024,,\n}' });
    expect(found).toEqual([["edition.json", 3, 16, "invalid-json", "error"]]);
  });

  it("rejects unknown keys (typos) and non-https base URLs with the JSON path", async () => {
    const result = await checkEdition(
      writeEdition({
        "edition.json": configWith((c) => {
          c["titel"] = "x";
          c["base_url"] = "http://koepfe.example.org/";
        }),
      }),
    );
    expect(result.problems.map((p) => [p.field, p.code])).toEqual(
      expect.arrayContaining([
        ["(top level)", "unknown-key"],
        ["base_url", "invalid-url"],
      ]),
    );
    expect(result.problems.find((p) => p.code === "unknown-key")?.message).toContain('"titel"');
  });

  it("reports a missing edition.json and missing required files", async () => {
    const found = await codes({ "edition.json": null, "authors.csv": null });
    expect(found).toEqual(
      expect.arrayContaining([
        ["edition.json", null, null, "missing-file", "error"],
        ["authors.csv", null, null, "missing-file", "error"],
      ]),
    );
  });
});

describe("koepfe check: jury.csv, votes.csv, subscribers.csv", () => {
  it("reports unknown jurors and nominees, scores outside the scale and text in score cells", async () => {
    const found = await codes({
      "jury.csv": `${String(baseFiles()["jury.csv"])}j9,anna-mueller,5,5\nj1,niemand,5,5\nj2,bernd-schaefer,11,5\nj3,clara-weiss,sieben,5\n`,
    });
    expect(found).toEqual(
      expect.arrayContaining([
        ["jury.csv", 20, 1, "unknown-juror", "error"],
        ["jury.csv", 21, 2, "unknown-nominee", "error"],
        ["jury.csv", 22, 3, "score-out-of-scale", "error"],
        ["jury.csv", 23, 3, "invalid-number", "error"],
      ]),
    );
  });

  it("reads a German Excel jury.csv: Windows-1252, semicolons, decimal commas", async () => {
    const rows = String(baseFiles()["jury.csv"])
      .replace(/,/g, ";")
      .replace(/;9;8\n/, ";8,5;7,5\n");
    const result = await checkEdition(writeEdition({ "jury.csv": iconv.encode(rows.replace(/\n/g, "\r\n"), "win1252") }));
    expect(result.problems).toEqual([]);
    expect(result.edition?.jury?.[0]?.scores).toEqual({ impact: 8.5, innovation: 7.5 });
  });

  it("rejects negative or non-numeric votes", async () => {
    const found = await codes({ "votes.csv": "nominee_id,votes\nanna-mueller,-3\nbernd-schaefer,viele\n" });
    expect(found).toEqual([
      ["votes.csv", 2, 2, "invalid-number", "error"],
      ["votes.csv", 3, 2, "invalid-number", "error"],
    ]);
  });

  it("requires proof of double opt-in for confirmed subscribers and accepts German dates", async () => {
    const found = await codes({
      "subscribers.csv":
        "email;first_name;status;confirmed_at\nanna@example.org;Anna;confirmed;05.03.2024 10:15\nbernd@example.org;Bernd;confirmed;\nkaputt;X;pending;\nclara@example.org;Clara;confirmed;2024-13-40\nANNA@EXAMPLE.ORG;Anna;confirmed;2024-03-05\n",
    });
    expect(found).toEqual([
      ["subscribers.csv", 3, 4, "missing-consent", "error"],
      ["subscribers.csv", 4, 1, "invalid-email", "error"],
      ["subscribers.csv", 5, 4, "invalid-date", "error"],
    ]);
  });

  it("treats addresses differing only in domain case as one recipient (a warning); the local part is case-sensitive", async () => {
    const found = await codes({
      "subscribers.csv":
        "email,status,confirmed_at\nanna@example.org,confirmed,2024-03-05\nanna@Example.ORG,confirmed,2024-03-05\nAnna@example.org,confirmed,2024-03-05\n",
    });
    expect(found).toEqual([["subscribers.csv", 3, 1, "duplicate-address", "warning"]]);
  });
});

describe("koepfe check: files that are not text", () => {
  it("reports a binary nominees.csv and writes nothing into the edition folder", async () => {
    const dir = writeEdition({ "nominees.csv": Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a]) });
    const before = readdirSync(dir, { recursive: true }).sort();
    const result = await checkEdition(dir);
    expect(result.problems.map((p) => [p.file, p.code])).toEqual([["nominees.csv", "binary-file"]]);
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(before);
  });
});
