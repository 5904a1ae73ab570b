import { describe, it, expect } from "vitest";
import { readFileSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { runCli } from "../helpers/cli.js";
import { writeEdition, configWith, baseFiles } from "../helpers/edition.js";

type Config = Record<string, unknown>;
const ranking = (c: Config) => c["ranking"] as Config;

// the base edition ranks deniz 1 (tie with anna on F and count-back; 40 votes against 10), anna 2,
// bernd 3 (54.2 points), clara 4 (33.3), eva 5 (8.3), frank 6 (0); previous.csv: anna 3, deniz 1, frank 6
describe("koepfe rank", () => {
  it("prints the ranking as a table: rank, movement, points, name, company, category", async () => {
    const r = await runCli(["rank", writeEdition()]);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .split("\n")
      .filter((l) => /^\s+\d+\s/.test(l))
      .map((l) => l.trim().split(/\s{2,}/));
    expect(rows).toEqual([
      ["1", "=", "100.0", "Deniz Özdemir", "Grünwerk KG", "Medien"],
      ["2", "▲ 1", "100.0", "Dr. Anna Müller", "Nordlicht Media GmbH", "Marketing", "tie: votes"],
      ["3", "new", "54.2", "Bernd Schäfer", "Kranich & Söhne", "Marketing"],
      ["4", "new", "33.3", "Clara Weiß", "Blau AG", "Medien"],
      ["5", "new", "8.3", "Eva Lang", "Funkhaus Süd", "Marketing"],
      ["6", "=", "0.0", "Frank Ober", "Datenfabrik GmbH", "Medien"],
    ]);
  });

  it("--json gives the effective method and the entries in published order", async () => {
    const r = await runCli(["rank", writeEdition(), "--json"]);
    const json = JSON.parse(r.stdout) as { edition: string; method: Config; entries: Config[] };
    expect(json.method).toMatchObject({ normalize: "none", aggregate: "mean", quorum: 3, publish_points: true });
    expect(
      json.entries.map((e) => [
        e["id"],
        e["rank"],
        e["category_rank"],
        e["points"],
        e["votes"],
        e["ballots"],
        e["movement"],
        e["tie_broken_by"],
      ]),
    ).toEqual([
      ["deniz-oezdemir", 1, 1, 100, 40, 3, "same", null],
      ["anna-mueller", 2, 1, 100, 10, 3, "up 1", "votes"],
      ["bernd-schaefer", 3, 2, 54.2, 20, 3, "new", null],
      ["clara-weiss", 4, 2, 33.3, 30, 3, "new", null],
      ["eva-lang", 5, 3, 8.3, 50, 3, "new", null],
      ["frank-ober", 6, 3, 0, 60, 3, "same", null],
    ]);
    expect(json.entries[2]?.["jury"]).toBe(6.666667);
  });

  it("--csv writes the spreadsheet for German Excel and neutralises formulas", async () => {
    const nominees = String(baseFiles()["nominees.csv"]).replace("Bernd Schäfer", '"=HYPERLINK(""https://evil.example"";""Bernd"")"');
    const dir = writeEdition({ "nominees.csv": nominees });
    const file = path.join(dir, "ranking.csv");
    const r = await runCli(["rank", dir, "--csv", file]);
    expect(r.code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("\uFEFFid;name;rank;")).toBe(true);
    expect(text.split("\r\n")[1]).toBe("deniz-oezdemir;Deniz Özdemir;1;medien;1;100;8,5;40;3;same;");
    expect(text).toContain(`bernd-schaefer;"'=HYPERLINK(""https://evil.example"";""Bernd"")";3;`);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("--explain ID shows the ballots and the tie-break against the neighbour", async () => {
    const r = await runCli(["rank", writeEdition(), "--explain", "anna-mueller"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Jana Eins \(j1\)\s+2\s+9\.0\s+8\.0\s+8\.500\s+8\.500\s+counted/);
    expect(r.stdout).toContain("F = 1·1.0000 + 0·0.0000 = 1.000000 → 100.0 points");
    expect(r.stdout).toContain("Above: Deniz Özdemir (deniz-oezdemir), rank 1, 100.0 points: equal F; decided by votes (40 vs 10 votes)");
  });

  it("--explain with --json gives the explanation as data", async () => {
    const r = await runCli(["rank", writeEdition(), "--explain", "anna-mueller", "--json"]);
    const x = JSON.parse(r.stdout) as { entry: Config; ballots: Config[]; above: Config };
    expect([x.entry["rank"], x.ballots.length, x.above["decidedBy"]]).toEqual([2, 3, "votes"]);
  });

  it("--explain of an unknown id is a usage error with a suggestion, before anything is written", async () => {
    const dir = writeEdition();
    const r = await runCli(["rank", dir, "--explain", "anna-muller", "--csv", path.join(dir, "ranking.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no nominee "anna-muller" in nominees.csv (did you mean "anna-mueller"?)');
    expect(existsSync(path.join(dir, "ranking.csv"))).toBe(false);
  });

  it("--jurors prints the juror bias table, --stability the leave-one-juror-out ranks", async () => {
    const dir = writeEdition();
    const jurors = await runCli(["rank", dir, "--jurors"]);
    expect(jurors.stdout).toMatch(/Jule Drei \(j3\)\s+Dritte KG\s+6\s+0\s+6\.25\s+[\d.]+\s+-0\.33/);
    const s = await runCli(["rank", dir, "--stability"]);
    expect(s.stdout).toContain("Top 6: 4 places (!) change holder when one juror is left out.");
    expect(s.stdout).toMatch(/!\s+1\s+1\s+Deniz Özdemir\s+Dr\. Anna Müller \(without j2\)/);
  });

  it("stops with the check report and exit 1 when the edition has errors", async () => {
    const jury = `${String(baseFiles()["jury.csv"])}j2,bernd-schaefer,11,5\nj9,anna-mueller,5,5\n`;
    const r = await runCli(["rank", writeEdition({ "jury.csv": jury })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("jury.csv:20:3: error[score-out-of-scale]");
    expect(r.stderr).toContain("jury.csv:21:1: error[unknown-juror]");
    expect(r.stderr).toContain("error[E_EDITION_INVALID]");
  });

  it("prints conflict-of-interest warnings and ranks without the ballot", async () => {
    const config = configWith((c) => {
      (c["jurors"] as Config[])[0] = { id: "j1", name: "Jana Eins", company: "Nordlicht Media GmbH" };
      ranking(c)["quorum"] = 2;
    });
    const r = await runCli(["rank", writeEdition({ "edition.json": config }), "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("jury.csv:2:1: warning[conflict-of-interest]");
    const anna = (JSON.parse(r.stdout) as { entries: Config[] }).entries.find((e) => e["id"] === "anna-mueller");
    expect(anna?.["ballots"]).toBe(2);
  });

  it("rejects two views at once and views of an unranked list", async () => {
    const both = await runCli(["rank", writeEdition(), "--jurors", "--stability"]);
    expect(both.code).toBe(2);
    const unranked = await runCli([
      "rank",
      writeEdition({ "edition.json": configWith((c) => (ranking(c)["mode"] = "unranked")) }),
      "--stability",
    ]);
    expect([unranked.code, unranked.stderr]).toEqual([2, expect.stringContaining("E_UNRANKED")]);
  });

  it("lists an unranked edition by category, then name", async () => {
    const r = await runCli(["rank", writeEdition({ "edition.json": configWith((c) => (ranking(c)["mode"] = "unranked")) }), "--json"]);
    const entries = (JSON.parse(r.stdout) as { entries: Config[] }).entries;
    expect(entries.map((e) => [e["id"], e["rank"], e["points"]])).toEqual([
      // Marketing: Lang, Müller (mueller), Schäfer (schaefer); Medien: Ober, Özdemir (oezdemir), Weiß (weiss)
      ["eva-lang", null, null],
      ["anna-mueller", null, null],
      ["bernd-schaefer", null, null],
      ["frank-ober", null, null],
      ["deniz-oezdemir", null, null],
      ["clara-weiss", null, null],
    ]);
  });

  it("does not leave a file behind when the CSV cannot be written", async () => {
    const dir = writeEdition();
    const r = await runCli(["rank", dir, "--csv", path.join(dir, "missing-folder", "x.csv")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("E_WRITE");
    expect(existsSync(path.join(dir, "missing-folder"))).toBe(false);
  });
});
