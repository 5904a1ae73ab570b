#!/usr/bin/env node
/**
 * The only entry point: argument parsing, the command table, exit codes, and the only top-level catch.
 * A user's mistake is a KoepfeError (message, code, exit 1/2/3/4); anything else is our bug (exit 70).
 */
import { parseArgs } from "node:util";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commands } from "./commands/index.js";
import type { ArgValues, Command, Io } from "./commands/command.js";
import { EXIT, KoepfeError, UsageError, type ExitCode } from "./lib/errors.js";
import { formatText } from "./check/report.js";

const VERSION = "0.1.0";

function help(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'koepfe — publish a "100 Köpfe"-style ranking: check, rank, build, send',
    "",
    "Usage: koepfe <command> [options]      DIR defaults to ./data",
    "",
    ...commands.map((c) => `  koepfe ${c.usage.padEnd(width)}  ${c.summary}`),
    "",
    "Exit codes: 0 ok, 1 problems in the data, 2 usage error, 3 finished with failures to review,",
    "            4 stopped (relay/auth failure, pause, rates), 75 try again later (bounces --stdin),",
    "            130 stopped by Ctrl-C/SIGTERM, 70 internal error (a bug: please report it)",
    "",
  ].join("\n");
}

function parse(command: Command, argv: string[]) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.positionals.length > command.positionals.length) {
      throw new UsageError(`too many arguments: ${parsed.positionals.slice(command.positionals.length).join(" ")}`);
    }
    return parsed;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
}

export async function main(argv: string[], io: Io): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (commands: ${commands.map((c) => c.name).join(", ")})`);
    const parsed = parse(command, rest);
    const values = parsed.values as ArgValues;
    if (values["help"]) {
      io.stdout.write(`Usage: koepfe ${command.usage}\n${command.summary}\n`);
      return EXIT.ok;
    }
    return await command.run({ positionals: parsed.positionals, values }, io);
  } catch (e) {
    return report(e, io, command);
  }
}

function report(e: unknown, io: Io, command: Command | undefined): ExitCode {
  if (e instanceof KoepfeError) {
    if (e.problems.length > 0) io.stderr.write(formatText(e.problems, 0).replace(/\n.*\n$/, "\n"));
    io.stderr.write(`koepfe: error[${e.code}]: ${e.message}\n`);
    if (e instanceof UsageError) io.stderr.write(command ? `usage: koepfe ${command.usage}\n` : 'run "koepfe --help" for the commands\n');
    return e.exitCode;
  }
  const fs = fileSystemError(e);
  if (fs !== null) {
    io.stderr.write(`koepfe: error[E_FILESYSTEM]: ${fs}\n`);
    return EXIT.dataError;
  }
  const code = String((e as { code?: unknown }).code ?? "");
  if (/^SQLITE_(FULL|IOERR|READONLY|CANTOPEN)/.test(code)) {
    io.stderr.write(
      `koepfe: error[E_LEDGER_WRITE]: the ledger cannot be written (${(e as Error).message}); free space or fix its permissions and run the same command again\n`,
    );
    return EXIT.stopped;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr.write(`koepfe: internal error (a bug in koepfe, not in your data): ${err.message}\n`);
  if (io.env["KOEPFE_DEBUG"]) io.stderr.write(`${err.stack ?? ""}\n`);
  else io.stderr.write("set KOEPFE_DEBUG=1 for the stack trace\n");
  return EXIT.internal;
}

/**
 * What the machine refused (a folder without write permission, a full or read-only disk): the
 * user's to fix, named with its path, not a bug. Errors without a path stay internal errors.
 */
function fileSystemError(e: unknown): string | null {
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof err.code !== "string" || typeof err.path !== "string") return null;
  const why: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "not permitted",
    ENOSPC: "the disk is full",
    EDQUOT: "the disk quota is exceeded",
    EROFS: "the file system is read-only",
    ENOTDIR: "a part of the path is not a folder",
    // what mkdir -p says when a file stands where a folder of the path should be
    EEXIST: "a file is in the way: a part of the path is not a folder",
    EISDIR: "it is a folder",
    ELOOP: "a symbolic link loop",
    ENAMETOOLONG: "the name is too long",
    EMFILE: "too many open files",
  };
  const reason = why[err.code];
  return reason === undefined ? null : `cannot ${err.syscall ?? "use"} ${err.path}: ${reason}`;
}

function isEntryPoint(): boolean {
  const argv1 = process.argv[1];
  if (argv1 === undefined) return false;
  try {
    return realpathSync(argv1) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const controller = new AbortController();
  let interrupts = 0;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      interrupts++;
      if (interrupts > 1) process.exit(130);
      controller.abort(new Error(sig));
    });
  }
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
  });
  const io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`koepfe: internal error: ${String(e)}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
