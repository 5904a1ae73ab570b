/**
 * Shared pieces of the benchmark scripts. Each `scripts/bench/<name>.bench.ts` runs on its own
 * (`tsx scripts/bench/<name>.bench.ts`) and ends with `emit(rows)`; run.ts collects the rows of
 * every bench into one table. Figures, not pass/fail.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import path from "node:path";

export interface BenchRow {
  /** What was measured, e.g. "check: 10k nominees + 100k subscribers". */
  name: string;
  /** The figure with its unit, e.g. "1.84 s". */
  value: string;
  /** The target, e.g. "< 3 s". */
  target?: string;
  /** Anything else: memory, ratio, counts. */
  note?: string;
}

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CLI = path.join(ROOT, "dist/cli.js");

export function emit(rows: BenchRow[]): void {
  process.stdout.write(`BENCH_ROWS ${JSON.stringify(rows)}\n`);
}

export function benchTmp(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `koepfe-bench-${name}-`));
}

export interface Measured {
  seconds: number;
  /** Peak resident set size of the child, in MB (polled from /proc/<pid>/status VmHWM). */
  peakRssMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

function vmHwmMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs a command and measures wall time and peak RSS. */
export function measure(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { env: { ...process.env, ...opts.env }, cwd: opts.cwd ?? ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let peak = 0;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setInterval(() => {
      if (child.pid !== undefined) peak = Math.max(peak, vmHwmMb(child.pid));
    }, 10);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(timer);
      resolve({ seconds: Number(process.hrtime.bigint() - start) / 1e9, peakRssMb: peak, code, stdout, stderr });
    });
  });
}

/** Runs `koepfe <args>` from dist/ (the production build). */
export function measureCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measured> {
  return measure(process.execPath, [CLI, ...args], { env });
}

export const fmtS = (s: number) => `${s.toFixed(s < 10 ? 2 : 1)} s`;
export const fmtMb = (mb: number) => `${mb.toFixed(0)} MB`;

/** Writes a generated edition (scripts/generate-edition.ts) into `out`; `args` are the generator's flags. */
export function generateEdition(out: string, args: string[]): void {
  const gen = spawnSync(
    path.join(ROOT, "node_modules/.bin/tsx"),
    [path.join(ROOT, "scripts/generate-edition.ts"), ...args, "--out", out, "--force"],
    { stdio: "inherit" },
  );
  if (gen.status !== 0) throw new Error("generate-edition failed");
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
