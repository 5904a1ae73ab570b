/**
 * check speed: a generated edition with 10,000 nominees and a 100,000-row subscribers.csv, whole
 * process, against csv-parse alone parsing the same CSV files in one node process (issue 14's row:
 * the parsing is the floor; everything koepfe adds — decoding, validation, cross-file checks,
 * ranking checks — is the ratio). Runs alternate; the median of each counts.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { benchTmp, emit, fmtMb, fmtS, generateEdition, measure, measureCli, ROOT, type Measured } from "./lib.js";

const dir = path.join(benchTmp("check"), "edition");
generateEdition(dir, ["--nominees", "10000", "--subscribers", "100000", "--seed", "7"]);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".csv"))
  .map((f) => path.join(dir, f));
// csv-parse as a plain script would use it: each file read and parsed to records, one after another
const PARSE_ONLY = `
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
let rows = 0;
for (const f of JSON.parse(process.argv[1])) rows += parse(readFileSync(f), { columns: true, bom: true }).length;
console.log(rows);
`;

const median = (runs: Measured[]) => [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)] as Measured;
const runs: Measured[] = [];
const parseRuns: Measured[] = [];
for (let i = 0; i < 5; i++) {
  runs.push(await measureCli(["check", dir, "--json"]));
  parseRuns.push(await measure(process.execPath, ["--input-type=module", "-e", PARSE_ONLY, JSON.stringify(files)], { cwd: ROOT }));
}
const best = median(runs);
const floor = median(parseRuns);
if (floor.code !== 0) throw new Error(`csv-parse alone failed: ${floor.stderr}`);
const report = JSON.parse(best.stdout) as { valid: boolean; problems: unknown[] };
emit([
  {
    name: "check: 10,000 nominees + 100,000 subscribers",
    value: fmtS(best.seconds),
    target: "< 3 s, < 300 MB",
    note: `peak RSS ${fmtMb(Math.max(...runs.map((r) => r.peakRssMb)))}, median of 5, valid=${report.valid}, ${report.problems.length} problems`,
  },
  {
    name: "check: the same vs csv-parse alone parsing its CSV files (whole processes)",
    value: `${(best.seconds / floor.seconds).toFixed(2)}× csv-parse`,
    target: "<= 2.0× csv-parse",
    note: `csv-parse ${fmtS(floor.seconds)} for ${floor.stdout.trim()} records (${files.length} files, columns: true), peak RSS ${fmtMb(Math.max(...parseRuns.map((r) => r.peakRssMb)))}; koepfe check ${fmtS(best.seconds)}`,
  },
]);
