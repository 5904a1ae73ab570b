/**
 * Errors that stop a command. User mistakes (usage, unreadable folder, check errors) are `KoepfeError`s
 * with a stable code and an exit code; anything else reaching cli.ts is an internal error (exit 70).
 */
import type { Problem } from "./problem.js";

export const EXIT = {
  ok: 0,
  dataError: 1,
  usage: 2,
  reviewNeeded: 3,
  stopped: 4,
  internal: 70,
  /** A temporary failure an MTA's pipe transport retries later (sysexits EX_TEMPFAIL): `bounces --stdin` only. */
  tempfail: 75,
  /** Stopped by SIGINT or SIGTERM (128 + SIGINT) before it finished; nothing half-written is left. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The more serious of two outcomes of a run: stopped (4) over data error (1) over review (3) over ok (0). */
export function worstExit(a: ExitCode, b: ExitCode): ExitCode {
  const order: readonly ExitCode[] = [EXIT.ok, EXIT.reviewNeeded, EXIT.dataError, EXIT.stopped];
  return order.indexOf(b) > order.indexOf(a) ? b : a;
}

export class KoepfeError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly problems: readonly Problem[];
  constructor(code: string, message: string, opts: { exitCode?: ExitCode; problems?: readonly Problem[]; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "KoepfeError";
    this.code = code;
    this.exitCode = opts.exitCode ?? EXIT.dataError;
    this.problems = opts.problems ?? [];
  }
}

export class UsageError extends KoepfeError {
  constructor(message: string) {
    super("E_USAGE", message, { exitCode: EXIT.usage });
    this.name = "UsageError";
  }
}

/** Thrown when an edition has check errors and a command cannot go on; carries the full report. */
export class EditionInvalidError extends KoepfeError {
  constructor(problems: readonly Problem[]) {
    const n = problems.filter((p) => p.severity === "error").length;
    super("E_EDITION_INVALID", `the edition has ${n} error${n === 1 ? "" : "s"}; run "koepfe check" for the full report`, {
      exitCode: EXIT.dataError,
      problems,
    });
    this.name = "EditionInvalidError";
  }
}

/** A command stopped by Ctrl-C or SIGTERM between two of its steps; what it writes is never half-written. */
export class InterruptedError extends KoepfeError {
  constructor(what: string) {
    super("E_INTERRUPTED", `interrupted: ${what}`, { exitCode: EXIT.interrupted });
    this.name = "InterruptedError";
  }
}

/** Stops a command between two steps when it was asked to stop (SIGINT, SIGTERM). */
export function stopIfInterrupted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new InterruptedError(what);
}
