/**
 * rank speed: a generated edition with 10,000 nominees, 15 jurors and 4 criteria (150,000 ballots).
 * The ranking stage is timed in-process on the loaded edition (loading is reported on its own), then
 * `--stability` (16 rankings) and the whole `koepfe rank --json` as an editor runs it.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { benchTmp, emit, fmtMb, fmtS, generateEdition, measureCli, ROOT } from "./lib.js";

type RankModule = typeof import("../../src/rank/index.js");
type LoadModule = typeof import("../../src/edition/load.js");
const dist = (file: string) => import(pathToFileURL(path.join(ROOT, "dist", file)).href);
const { rankEdition, stability } = (await dist("rank/index.js")) as RankModule;
const { loadEdition } = (await dist("edition/load.js")) as LoadModule;

const dir = path.join(benchTmp("rank"), "edition");
generateEdition(dir, ["--nominees", "10000", "--subscribers", "0", "--jurors", "15", "--criteria", "4", "--seed", "1", "--no-photos"]);

function best<T>(runs: number, f: () => T): { seconds: number; result: T } {
  let seconds = Number.POSITIVE_INFINITY;
  let result = f();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = f();
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  return { seconds, result };
}

const loadStart = performance.now();
const { edition } = await loadEdition(dir);
const loadSeconds = (performance.now() - loadStart) / 1000;
if (!edition?.jury) throw new Error("the generated edition did not load with a jury");

const coldStart = performance.now();
rankEdition(edition);
const cold = (performance.now() - coldStart) / 1000;
const rank = best(5, () => rankEdition(edition));
const stable = best(2, () => stability(edition));
const cli = await measureCli(["rank", dir, "--json"]);
rmSync(path.dirname(dir), { recursive: true, force: true });
const top = stable.result.top.filter((p) => p.changes.length > 0).length;

emit([
  {
    name: "rank: 10,000 nominees × 15 jurors (ranking stage)",
    value: fmtS(rank.seconds),
    target: "< 1 s",
    note: `best of 5 after a cold run of ${fmtS(cold)}; ${edition.jury.length} jury rows, load ${fmtS(loadSeconds)} on its own`,
  },
  {
    name: "rank --stability: 10,000 × 15 (16 rankings)",
    value: fmtS(stable.seconds),
    note: `best of 2; ${top} of the top 10 change holder when one juror is left out`,
  },
  {
    name: "koepfe rank --json: 10,000 × 15 (whole command)",
    value: fmtS(cli.seconds),
    note: `exit ${cli.code}, peak RSS ${fmtMb(cli.peakRssMb)}, includes check and JSON output`,
  },
]);
