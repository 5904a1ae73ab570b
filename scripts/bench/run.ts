/**
 * `npm run bench`: runs every scripts/bench/*.bench.ts in its own process (so memory figures do not
 * mix) and prints one table. `npm run bench -- rank` runs only the benches whose name contains "rank".
 */
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { BenchRow } from "./lib.js";

const dir = import.meta.dirname;
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filter === undefined || f.includes(filter))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  process.stderr.write(`bench: ${file} …\n`);
  const tsx = path.resolve(dir, "../../node_modules/.bin/tsx");
  const r = spawnSync(tsx, [path.join(dir, file)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20 * 60_000,
  });
  const line = r.stdout.split("\n").find((l) => l.startsWith("BENCH_ROWS "));
  if (r.status !== 0 || line === undefined) {
    rows.push({ name: file, value: "failed", note: `exit ${r.status ?? r.signal}` });
    continue;
  }
  rows.push(...(JSON.parse(line.slice("BENCH_ROWS ".length)) as BenchRow[]));
}

const header: BenchRow = { name: "benchmark", value: "figure", target: "target", note: "notes" };
const all = [header, ...rows];
const w = (k: keyof BenchRow) => Math.max(...all.map((r) => (r[k] ?? "").length));
const line = (r: BenchRow) =>
  `| ${r.name.padEnd(w("name"))} | ${r.value.padStart(w("value"))} | ${(r.target ?? "").padEnd(w("target"))} | ${r.note ?? ""}`;
process.stdout.write(
  `${line(header)}\n|${"-".repeat(w("name") + 2)}|${"-".repeat(w("value") + 2)}|${"-".repeat(w("target") + 2)}|------\n`,
);
for (const r of rows) process.stdout.write(`${line(r)}\n`);
