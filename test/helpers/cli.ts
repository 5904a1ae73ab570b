/** Runs the CLI in-process (fast) or as the real compiled binary (what cron and editors run). */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Writable } from "node:stream";
import { main } from "../../src/cli.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  }) as Writable & { text: () => string };
  w.text = () => chunks.join("");
  return w;
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const stdout = sink();
  const stderr = sink();
  const code = await main(args, { stdout, stderr, env: { ...process.env, ...env }, signal: new AbortController().signal });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

export const BIN = path.resolve(import.meta.dirname, "../../dist/cli.js");

/** Spawns dist/cli.js (built by `npm test`'s pretest). */
export function runBin(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeout?: number; input?: string | Buffer } = {},
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    input: opts.input,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    timeout: opts.timeout ?? 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The real binary in the background, for tests whose own servers (SMTP, HTTP) must keep answering
 * while it runs: `output()` is stdout and stderr as they arrive, `done` the result once it exits.
 */
export function spawnBin(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; output: () => string; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
  let stdout = "";
  let stderr = "";
  let both = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    both += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    both += d.toString();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  return { child, output: () => both, done };
}

/** The JSON lines a command printed (its log when stdout is not a terminal, or --json output). */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
