/**
 * What the use cases get from outside: the environment, the stop signal and where their output
 * goes (a terminal or a log file), the clock, and the ways to reach a relay. The CLI passes the
 * real ones; tests pass their own clock and output. The send loop below has its own, finer ports
 * (send/send-loop.ts: ledger, mailer, clock, sleep).
 */
import type { LogOutput } from "../lib/log.js";
import { emlMailer, type EmlMailer } from "../send/mailer/eml.js";
import type { Mailer } from "../send/mailer/mailer.js";
import { smtpMailer, type SmtpOptions } from "../send/mailer/smtp.js";
import type { DkimSettings } from "../send/mailer/protocol.js";

export type Output = LogOutput;

/** Epoch milliseconds. */
export type Clock = () => number;

export interface AppIo {
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM: long-running use cases stop cleanly and report. */
  signal: AbortSignal;
  /** Progress and log lines (stdout). */
  out: Output;
  /** Warnings for the person at the terminal (stderr). */
  err: Output;
  clock: Clock;
}

export interface Mailers {
  smtp(options: SmtpOptions): Mailer;
  eml(dir: string, options: { dkim: DkimSettings | null; threads?: number }): EmlMailer;
}

export const realMailers: Mailers = { smtp: smtpMailer, eml: emlMailer };
