import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parse } from "csv-parse/sync";
import { generateEdition, type GenerateOptions } from "../../scripts/generate-edition.js";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const RESERVED = /@(example\.(com|org|net)|[a-z0-9-]+(\.[a-z0-9-]+)*\.test)$/;

type Row = Record<string, string>;

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koepfe-gen-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});
const readCsv = (dir: string, file: string): Row[] => parse(fs.readFileSync(path.join(dir, file), "utf8"), { columns: true }) as Row[];
const readJson = (dir: string, file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;

function filesOf(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesOf(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
    .sort();
}

async function generate(options: Omit<GenerateOptions, "out">): Promise<string> {
  const out = tempDir();
  await generateEdition({ ...options, out });
  return out;
}

/** Non-empty ballots per nominee: rows with at least one score. */
function ballotsPerNominee(jury: readonly Row[], criteria: readonly string[]): Map<string, number> {
  const ballots = new Map<string, number>();
  for (const row of jury) {
    if (criteria.some((c) => (row[c] ?? "") !== "")) ballots.set(row["nominee_id"] ?? "", (ballots.get(row["nominee_id"] ?? "") ?? 0) + 1);
  }
  return ballots;
}

describe("generateEdition with flags", () => {
  const options = { nominees: 40, subscribers: 150, seed: 7, jurors: 5, criteria: 4 };
  let dir = "";
  beforeAll(async () => {
    dir = await generate(options);
  });

  it("writes byte-identical files for the same seed", async () => {
    const again = await generate(options);
    expect(filesOf(again)).toEqual(filesOf(dir));
    for (const file of filesOf(dir))
      expect(fs.readFileSync(path.join(again, file)).equals(fs.readFileSync(path.join(dir, file))), file).toBe(true);
  });

  it("writes different data for a different seed", async () => {
    const other = await generate({ ...options, seed: 8 });
    for (const file of ["nominees.csv", "jury.csv", "subscribers.csv", "votes.csv"]) {
      expect(fs.readFileSync(path.join(other, file), "utf8"), file).not.toBe(fs.readFileSync(path.join(dir, file), "utf8"));
    }
  });

  it("has as many nominees, subscribers, jurors and criteria as asked for", () => {
    const edition = readJson(dir, "edition.json") as { jurors: unknown[]; ranking: { criteria: { id: string; weight: number }[] } };
    const criteria = edition.ranking.criteria;
    expect(readCsv(dir, "nominees.csv")).toHaveLength(40);
    expect(readCsv(dir, "subscribers.csv")).toHaveLength(150);
    expect(edition.jurors).toHaveLength(5);
    expect(criteria.map((c) => c.id)).toEqual(["impact", "innovation", "visibility", "relevance"]);
    expect(criteria.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1, 9);
    expect(Object.keys(readCsv(dir, "jury.csv")[0] ?? {})).toEqual([
      "juror_id",
      "nominee_id",
      "impact",
      "innovation",
      "visibility",
      "relevance",
    ]);
    // one row per juror and nominee, less the one conflict of interest left out
    expect(readCsv(dir, "jury.csv")).toHaveLength(40 * 5 - 1);
  });

  it("gives nominees, authors and jurors unique slug ids", () => {
    const nominees = readCsv(dir, "nominees.csv").map((r) => r["id"] ?? "");
    const authors = readCsv(dir, "authors.csv").map((r) => r["id"] ?? "");
    const jurors = (readJson(dir, "edition.json") as { jurors: { id: string }[] }).jurors.map((j) => j.id);
    for (const ids of [nominees, authors, jurors]) {
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(SLUG);
    }
  });

  it("gives every nominee at least 3 non-empty ballots", () => {
    const ballots = ballotsPerNominee(readCsv(dir, "jury.csv"), ["impact", "innovation", "visibility", "relevance"]);
    for (const row of readCsv(dir, "nominees.csv")) expect(ballots.get(row["id"] ?? "") ?? 0, row["id"]).toBeGreaterThanOrEqual(3);
  });

  it("uses only reserved mail domains", () => {
    for (const row of readCsv(dir, "subscribers.csv")) expect((row["email"] ?? "").toLowerCase()).toMatch(RESERVED);
    for (const row of readCsv(dir, "authors.csv")) expect(row["email"]).toMatch(/@example\.org$/);
  });
});

describe("the sample plan (100 nominees, 9 jurors, 3 criteria)", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await generate({ nominees: 100, subscribers: 300, seed: 2024 });
  });

  it("keeps the editorial rules it declares", () => {
    const edition = readJson(dir, "edition.json") as { categories: { id: string; size?: number }[]; rules: unknown };
    const nominees = readCsv(dir, "nominees.csv");
    expect(edition.categories.map((c) => [c.id, c.size])).toEqual([
      ["marketing", 20],
      ["agenturen", 18],
      ["medien", 18],
      ["tech-ki", 16],
      ["commerce", 14],
      ["kreation", 14],
    ]);
    for (const c of edition.categories) expect(nominees.filter((n) => n["category"] === c.id)).toHaveLength(c.size ?? -1);
    expect(edition.rules).toEqual({ max_per_company: 1, gender_balance: { min_share: 0.5 } });
    expect(nominees.filter((n) => n["gender"] === "w")).toHaveLength(50);
    expect(nominees.filter((n) => n["gender"] === "m")).toHaveLength(50);
    expect(new Set(nominees.map((n) => (n["company"] ?? "").toLowerCase())).size).toBe(100);
  });

  it("has exactly one juror at a nominee's company, and no jury row for that pair", () => {
    const jurors = (readJson(dir, "edition.json") as { jurors: { id: string; company: string }[] }).jurors;
    const nominees = readCsv(dir, "nominees.csv");
    const pairs = jurors.flatMap((j) => nominees.filter((n) => n["company"] === j.company).map((n) => [j.id, n["id"]]));
    expect(pairs).toHaveLength(1);
    const [juror, nominee] = pairs[0] ?? [];
    expect(readCsv(dir, "jury.csv").filter((r) => r["juror_id"] === juror && r["nominee_id"] === nominee)).toHaveLength(0);
  });

  it("writes laudations of 2–4 paragraphs and 400–1,500 characters, and existing photos", () => {
    for (const n of readCsv(dir, "nominees.csv")) {
      const laudation = n["laudation"] ?? "";
      expect(laudation.length, n["id"]).toBeGreaterThanOrEqual(400);
      expect(laudation.length, n["id"]).toBeLessThanOrEqual(1500);
      expect(laudation.split("\n\n").length).toBeGreaterThanOrEqual(2);
      expect(laudation.split("\n\n").length).toBeLessThanOrEqual(4);
      expect((n["teaser"] ?? "").length).toBeLessThanOrEqual(300);
      if (n["photo"]) {
        expect(n["photo_credit"]).toMatch(/^Foto: /);
        expect(fs.readFileSync(path.join(dir, n["photo"])).subarray(0, 3).toString("hex")).toBe("ffd8ff");
      }
    }
  });

  it("plans ten countdown issues of ten places with their intros", () => {
    const newsletter = (
      readJson(dir, "edition.json") as {
        newsletter: { issues: { number: number; send_at: string; subject: string; ranks: number[]; intro: string }[] };
      }
    ).newsletter;
    expect(newsletter.issues.map((i) => i.ranks)).toEqual([
      [91, 100],
      [81, 90],
      [71, 80],
      [61, 70],
      [51, 60],
      [41, 50],
      [31, 40],
      [21, 30],
      [11, 20],
      [1, 10],
    ]);
    expect(newsletter.issues[0]).toMatchObject({
      number: 1,
      send_at: "2024-12-02T07:00",
      subject: "100 Köpfe 2024: Plätze 100 bis 91",
      intro: "newsletter/01.md",
    });
    expect(newsletter.issues[9]).toMatchObject({ number: 10, send_at: "2024-12-13T07:00", subject: "100 Köpfe 2024: Plätze 10 bis 1" });
    for (const issue of newsletter.issues)
      expect(fs.readFileSync(path.join(dir, issue.intro), "utf8")).toMatch(
        /\*\*.+\*\*[\s\S]*\n\n[\s\S]*\]\(https:\/\/koepfe\.example\.org\/2024\/\)/,
      );
  });
});

describe("large editions and the output folder", () => {
  it("leaves out the countdown plan, category sizes and photos beyond 1,000 nominees without photos", async () => {
    const dir = await generate({ nominees: 1001, subscribers: 10, seed: 1, photos: false });
    const edition = readJson(dir, "edition.json") as { categories: { size?: number }[]; newsletter: Record<string, unknown> };
    expect(edition.newsletter["issues"]).toBeUndefined();
    expect(edition.categories.every((c) => c.size === undefined)).toBe(true);
    expect(fs.existsSync(path.join(dir, "photos"))).toBe(false);
    expect(readCsv(dir, "nominees.csv").every((n) => n["photo"] === "")).toBe(true);
    expect(readCsv(dir, "nominees.csv").filter((n) => n["gender"] === "d")).toHaveLength(1);
  });

  it("refuses a non-empty folder without force, and with force replaces only its own files", async () => {
    const dir = await generate({ nominees: 5, subscribers: 5, seed: 1 });
    fs.writeFileSync(path.join(dir, "NOTES.txt"), "keep me");
    await expect(generateEdition({ nominees: 5, subscribers: 5, seed: 2, out: dir })).rejects.toThrow(/--force/);
    await generateEdition({ nominees: 5, subscribers: 5, seed: 2, out: dir, force: true });
    expect(fs.readFileSync(path.join(dir, "NOTES.txt"), "utf8")).toBe("keep me");
  });

  it("runs from the command line and exits 2 on a bad flag", () => {
    const tsx = path.resolve("node_modules/.bin/tsx");
    const script = path.resolve("scripts/generate-edition.ts");
    const out = path.join(tempDir(), "edition");
    const ok = spawnSync(tsx, [script, "--nominees", "12", "--subscribers", "20", "--seed", "3", "--out", out], { encoding: "utf8" });
    expect(ok.status, ok.stderr).toBe(0);
    expect(readCsv(out, "nominees.csv")).toHaveLength(12);
    const bad = spawnSync(tsx, [script, "--nominees", "zwölf", "--out", out], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--nominees must be a whole number/);
  });
});
