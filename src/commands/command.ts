/**
 * The contract between cli.ts and a command: the command declares its flags, cli.ts parses them
 * (unknown flags are usage errors), and `run` returns the exit code. Commands never call process.exit.
 */
import type { ParseArgsConfig } from "node:util";
import { UsageError, type ExitCode } from "../lib/errors.js";
import type { AppIo } from "../app/ports.js";

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM: long-running commands stop cleanly and report. */
  signal: AbortSignal;
  /** Standard input, for `bounces --stdin` (process.stdin when absent). */
  stdin?: NodeJS.ReadableStream;
}

export type ArgValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  name: string;
  summary: string;
  /** Usage line after "koepfe ", e.g. "check [DIR] [--json]". */
  usage: string;
  options: ParseArgsOptionsConfig;
  /** Names of the positional arguments, in order; trailing ones are optional (DIR defaults to "data"). */
  positionals: readonly string[];
  run(args: { positionals: string[]; values: ArgValues }, io: Io): Promise<ExitCode>;
}

export const str = (v: ArgValues[string]): string | undefined => (typeof v === "string" ? v : undefined);

/** --port: a whole number from `min` (0 lets the system choose) to 65535, else `fallback`. */
export function parsePort(value: string | undefined, fallback: number, min: 0 | 1 = 1): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port < min || port > 65535)
    throw new UsageError(`--port must be a number from ${min} to 65535, not "${value}"`);
  return port;
}

/** The use cases' view of the command's I/O (app/ports.ts). */
export function appIo(io: Io): AppIo {
  return { env: io.env, signal: io.signal, out: io.stdout, err: io.stderr, clock: Date.now };
}

/** The edition folder: the first positional (or the one named), else ./data. */
export const dirOf = (positional: string | undefined) => positional ?? "data";
