/**
 * `koepfe build` speed, whole processes (what an editor and the scheduled job wait for):
 * - the 100-nominee sample edition cold (an empty build cache), warm (nothing changed) and after one
 *   changed laudation, against the goals of issue 14 (≤ 1.5 s cold, ≤ 0.5 s after one change);
 * - a generated 10,000-nominee edition, cold and warm, next to Eleventy 3 building 10,000 plain
 *   Markdown pages of the same nominees in the same run (goal: ≤ 0.7× its time, no more memory).
 * Runs alternate between the tools (the machine's disk is shared); the median of the runs counts.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { benchTmp, emit, fmtMb, fmtS, generateEdition, measure, measureCli, ROOT, type Measured } from "./lib.js";

const root = benchTmp("build");
const ELEVENTY = path.join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs");
const ENV = { KOEPFE_SECRET: "bench-secret-0123456789abcdef" };

function ok(m: Measured, what: string): Measured {
  if (m.code !== 0) throw new Error(`${what} failed (exit ${m.code}): ${m.stderr.slice(0, 2000)}`);
  return m;
}
const median = (runs: Measured[]) => [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)] as Measured;
const peak = (runs: Measured[]) => Math.max(...runs.map((r) => r.peakRssMb));
const build = (dir: string, out: string) => measureCli(["build", dir, "--out", out], ENV);
const emptyCache = (dir: string) => rmSync(path.join(dir, ".koepfe", "cache"), { recursive: true, force: true });

// 1. the sample edition, in a copy (its cache and ledger are the bench's own)
const sample = path.join(root, "sample");
cpSync(path.join(ROOT, "data"), sample, { recursive: true, filter: (src) => !src.includes(".koepfe") });
const nomineesFile = path.join(sample, "nominees.csv");
const cold: Measured[] = [];
const warm: Measured[] = [];
const oneChange: Measured[] = [];
for (let i = 0; i < 5; i++) {
  emptyCache(sample);
  cold.push(ok(await build(sample, path.join(root, "sample-out")), "build sample cold"));
  warm.push(ok(await build(sample, path.join(root, "sample-out")), "build sample warm"));
  // an editor rewrites one sentence of one laudation and builds again
  writeFileSync(
    nomineesFile,
    readFileSync(nomineesFile, "utf8").replace(/ein Gesicht gegeben(\.| \(\d+\)\.)/, `ein Gesicht gegeben (${i}).`),
  );
  oneChange.push(ok(await build(sample, path.join(root, "sample-out")), "build sample one change"));
}

// 2. the generated edition and the same nominees as Markdown for Eleventy
const edition = path.join(root, "edition-10k");
generateEdition(edition, ["--nominees", "10000", "--subscribers", "0", "--seed", "1"]);
const eleventy = path.join(root, "eleventy");
mkdirSync(path.join(eleventy, "src"), { recursive: true });
const nominees = parse(readFileSync(path.join(edition, "nominees.csv")), { columns: true, bom: true }) as Record<string, string>[];
for (const n of nominees) {
  writeFileSync(
    path.join(eleventy, "src", `${n["id"]}.md`),
    `---\ntitle: ${JSON.stringify(n["name"])}\n---\n# ${n["name"]}\n\n**${n["role"]}**, ${n["company"]}\n\n${n["laudation"]}\n`,
  );
}
const bigCold: Measured[] = [];
const bigWarm: Measured[] = [];
const eleventyRuns: Measured[] = [];
for (let i = 0; i < 3; i++) {
  emptyCache(edition);
  bigCold.push(ok(await build(edition, path.join(root, "out-10k")), "build 10k cold"));
  eleventyRuns.push(
    ok(await measure(process.execPath, [ELEVENTY, "--input=src", "--output=_site", "--quiet"], { cwd: eleventy }), "eleventy"),
  );
  bigWarm.push(ok(await build(edition, path.join(root, "out-10k")), "build 10k warm"));
}

const e = median(eleventyRuns);
const versus = (runs: Measured[]) =>
  `${(median(runs).seconds / e.seconds).toFixed(2)}× Eleventy 3 (10,000 Markdown pages: ${fmtS(e.seconds)}, peak RSS ${fmtMb(peak(eleventyRuns))}); koepfe peak RSS ${fmtMb(peak(runs))}`;
const firstLine = (m: Measured) => (m.stdout.split("\n")[0] ?? "").replace(/^built \S+ in [\d.]+ s: /, "");
emit([
  {
    name: "build: sample edition (100), cold: empty build cache",
    value: fmtS(median(cold).seconds),
    target: "<= 1.5 s",
    note: `median of 5, peak RSS ${fmtMb(peak(cold))}; ${firstLine(median(cold))}`,
  },
  {
    name: "build: sample edition, warm: nothing changed",
    value: fmtS(median(warm).seconds),
    note: `median of 5, peak RSS ${fmtMb(peak(warm))}`,
  },
  {
    name: "build: sample edition after changing one laudation",
    value: fmtS(median(oneChange).seconds),
    target: "<= 0.5 s",
    note: `median of 5, peak RSS ${fmtMb(peak(oneChange))}`,
  },
  {
    name: "build: 10,000 nominees, cold (whole process)",
    value: fmtS(median(bigCold).seconds),
    target: "<= 0.7× Eleventy",
    note: versus(bigCold),
  },
  { name: "build: 10,000 nominees, warm", value: fmtS(median(bigWarm).seconds), target: "<= 0.7× Eleventy", note: versus(bigWarm) },
]);
