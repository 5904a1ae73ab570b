/** check speed: a generated edition with 10,000 nominees and a 100,000-row subscribers.csv. */
import path from "node:path";
import { benchTmp, emit, fmtMb, fmtS, generateEdition, measureCli } from "./lib.js";

const dir = path.join(benchTmp("check"), "edition");
generateEdition(dir, ["--nominees", "10000", "--subscribers", "100000", "--seed", "7"]);

const runs = [];
for (let i = 0; i < 3; i++) runs.push(await measureCli(["check", dir, "--json"]));
const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const report = JSON.parse(best.stdout) as { valid: boolean; problems: unknown[] };
emit([
  {
    name: "check: 10,000 nominees + 100,000 subscribers",
    value: fmtS(best.seconds),
    target: "< 3 s, < 300 MB",
    note: `peak RSS ${fmtMb(Math.max(...runs.map((r) => r.peakRssMb)))}, best of 3, valid=${report.valid}, ${report.problems.length} problems`,
  },
]);
