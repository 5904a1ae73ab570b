/**
 * Bounce reading speed: reports read per second over test/fixtures/bounces (repeated to ~5,000
 * reads, in this process), and a 50 MB bounce (a DSN whose returned original carries a 50 MB
 * attachment) read in a child process for its time and peak RSS.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readReport } from "../../src/bounce/read-report.js";
import { benchTmp, emit, fmtMb, fmtS, measure, measureCli, ROOT } from "./lib.js";

const fixtures = path.join(ROOT, "test/fixtures/bounces");
const corpus = readdirSync(fixtures)
  .filter((f) => f.endsWith(".eml"))
  .map((f) => readFileSync(path.join(fixtures, f)));

if (process.argv[2] === "--one") {
  const result = await readReport(readFileSync(process.argv[3] ?? ""));
  process.stdout.write(`${JSON.stringify(result.ok ? result.report.recipients.map((r) => r.class) : result.code)}\n`);
} else {
  const rounds = Math.ceil(5000 / corpus.length);
  for (const raw of corpus) await readReport(raw);
  const start = process.hrtime.bigint();
  let reads = 0;
  for (let i = 0; i < rounds; i++) {
    for (const raw of corpus) {
      await readReport(raw);
      reads++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  const dsn = readFileSync(path.join(fixtures, "postfix-two-recipients.eml"), "latin1");
  const boundary = "--D29DD22649E.1796110938/mx.koepfe.test--";
  const line = `${"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=".repeat(2)}\n`;
  const attachment = `\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n${line.repeat(Math.ceil((50 * 1024 * 1024) / line.length))}`;
  const bigFile = path.join(benchTmp("bounces"), "fifty-mb.eml");
  writeFileSync(bigFile, dsn.replace(boundary, `${attachment}\n${boundary}`), "latin1");
  // node itself (not the tsx wrapper, whose RSS would be measured instead) with tsx as a loader
  const child = (file: string) => measure(process.execPath, ["--import", "tsx", import.meta.filename, "--one", file]);
  const big = await child(bigFile);
  // the same child reading a 3 KB bounce: what the process costs without the big input
  const small = await child(path.join(fixtures, "postfix-two-recipients.eml"));

  // the whole command: 5,000 reports in a folder read, matched and recorded in the ledger (one transaction each)
  const edition = path.join(benchTmp("bounces-edition"), "edition");
  cpSync(path.join(ROOT, "data"), edition, { recursive: true, filter: (src) => !src.includes(".koepfe") });
  const folder = benchTmp("bounces-maildir");
  const total = 5000;
  for (let i = 0; i < total; i++) {
    const raw = (corpus[i % corpus.length] ?? Buffer.alloc(0)).toString("latin1");
    // a report's id is its Message-ID: each copy gets its own, so every one is recorded
    const unique = /^message-id:/im.test(raw)
      ? raw.replace(/^(message-id:\s*<)/im, `$1bench${i}.`)
      : `Message-ID: <bench${i}@bench.invalid>\n${raw}`;
    writeFileSync(path.join(folder, `${String(i).padStart(5, "0")}.eml`), unique, "latin1");
  }
  const recorded = await measureCli(["bounces", edition, "--maildir", folder], {
    KOEPFE_SECRET: "bench-secret-0123456789abcdef",
    KOEPFE_STATE: "",
  });
  const summary = recorded.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { event: string; recorded?: number })
    .find((l) => l.event === "summary");

  emit([
    {
      name: `bounces: koepfe bounces --maildir, ${total} reports recorded (whole process)`,
      value: `${Math.round(total / recorded.seconds)} reports/s`,
      note: `${fmtS(recorded.seconds)}, peak RSS ${fmtMb(recorded.peakRssMb)}, exit ${recorded.code}, ${summary?.recorded ?? "?"} recorded`,
    },
    {
      name: `bounces: read the corpus (${corpus.length} reports) ${rounds}×`,
      value: `${Math.round(reads / seconds)} reports/s`,
      note: `${reads} reads in ${fmtS(seconds)}`,
    },
    {
      name: "bounces: one 50 MB bounce (child process)",
      value: fmtS(big.seconds),
      note: `peak RSS ${fmtMb(big.peakRssMb)}; the same child on a 3 KB bounce: ${fmtS(small.seconds)}, ${fmtMb(small.peakRssMb)}; result ${big.stdout.trim()}`,
    },
  ]);
}
