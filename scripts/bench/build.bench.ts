/**
 * `koepfe build` speed: the sample edition (whole process), and a generated 10,000-nominee edition
 * next to Eleventy 3 building 10,000 plain Markdown pages from the same nominees, in the same run.
 * The 10,000-nominee build is also measured without its newsletter section (the site alone; the
 * default plan compiles ten MJML issues, about a second). Runs alternate between
 * the tools (the machine's disk is shared) and the best of two counts.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { benchTmp, emit, fmtMb, fmtS, generateEdition, measure, measureCli, ROOT, type Measured } from "./lib.js";

const root = benchTmp("build");
const ELEVENTY = path.join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs");

function ok(m: Measured, what: string): Measured {
  if (m.code !== 0) throw new Error(`${what} failed (exit ${m.code}): ${m.stderr.slice(0, 2000)}`);
  return m;
}
const best = (runs: Measured[]) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const peak = (runs: Measured[]) => Math.max(...runs.map((r) => r.peakRssMb));
const firstLine = (m: Measured) => m.stdout.split("\n")[0] ?? "";

// 1. the sample edition, as an editor runs it
const sample: Measured[] = [];
for (let i = 0; i < 3; i++)
  sample.push(ok(await measureCli(["build", path.join(ROOT, "data"), "--out", path.join(root, `sample-${i}`)]), "build data"));

// 2. the generated edition, a copy without newsletter section, and the same nominees as Markdown
const edition = path.join(root, "edition-10k");
generateEdition(edition, ["--nominees", "10000", "--subscribers", "0", "--seed", "1"]);
const siteOnly = path.join(root, "edition-10k-site-only");
cpSync(edition, siteOnly, { recursive: true });
const config = JSON.parse(readFileSync(path.join(edition, "edition.json"), "utf8")) as Record<string, unknown>;
delete config["newsletter"];
writeFileSync(path.join(siteOnly, "edition.json"), JSON.stringify(config, null, 2));

const eleventy = path.join(root, "eleventy");
mkdirSync(path.join(eleventy, "src"), { recursive: true });
const nominees = parse(readFileSync(path.join(edition, "nominees.csv")), { columns: true, bom: true }) as Record<string, string>[];
for (const n of nominees) {
  writeFileSync(
    path.join(eleventy, "src", `${n["id"]}.md`),
    `---\ntitle: ${JSON.stringify(n["name"])}\n---\n# ${n["name"]}\n\n**${n["role"]}**, ${n["company"]}\n\n${n["laudation"]}\n`,
  );
}

const full: Measured[] = [];
const site: Measured[] = [];
const eleventyRuns: Measured[] = [];
for (let i = 0; i < 2; i++) {
  full.push(ok(await measureCli(["build", edition, "--out", path.join(root, `out-10k-${i}`)]), "build 10k"));
  eleventyRuns.push(
    ok(await measure(process.execPath, [ELEVENTY, "--input=src", `--output=_site-${i}`, "--quiet"], { cwd: eleventy }), "eleventy"),
  );
  site.push(ok(await measureCli(["build", siteOnly, "--out", path.join(root, `out-10k-site-${i}`)]), "build 10k site only"));
}

const e = best(eleventyRuns);
const ratio = (m: Measured) => (m.seconds / e.seconds).toFixed(2);
const versus = (runs: Measured[]) =>
  `Eleventy 3 (10,000 Markdown pages): ${fmtS(e.seconds)}, ratio ${ratio(best(runs))}; peak RSS koepfe ${fmtMb(peak(runs))}, Eleventy ${fmtMb(peak(eleventyRuns))}`;
emit([
  {
    name: "build: sample edition, 100 nominees (whole process)",
    value: fmtS(best(sample).seconds),
    note: `best of 3, peak RSS ${fmtMb(peak(sample))}; ${firstLine(best(sample)).replace(/^built \S+ in [\d.]+ s: /, "")}`,
  },
  {
    name: "build: 10,000 nominees (whole process)",
    value: fmtS(best(full).seconds),
    target: "<= Eleventy (ratio <= 1.0)",
    note: `${versus(full)}; ${firstLine(best(full)).replace(/^built \S+ in [\d.]+ s: /, "")}`,
  },
  {
    name: "build: 10,000 nominees, no newsletter section",
    value: fmtS(best(site).seconds),
    target: "<= Eleventy (ratio <= 1.0)",
    note: versus(site),
  },
]);
